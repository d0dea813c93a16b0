"""A book's AST -> a groff ms file: pandoc writes the inline text (escaping, italics), this module the
structure as raw ms around it. Headings log their page with `.tm` (stderr: `KIND ID LABEL PAGE`), after
a `.ne` so that the page is the one the heading is set on; the endnotes gathered at the book's end
under NOTES log their page the same way. (groff cannot log a page from the middle of a line, so the
pages of the note markers are found afterwards in the pdftotext dump: make.py, `marker_pages`.)
"""
import json
import subprocess

from . import doc as D


def raw(s):
    return {'t': 'RawInline', 'c': ['ms', s]}


def rawb(s):
    return {'t': 'RawBlock', 'c': ['ms', s]}


def esc(s):
    """Plain text as one input line of troff."""
    s = s.replace('\\', '\\e')
    if s[:1] in ('.', "'"):
        s = '\\&' + s
    return s


def lines_of(inls):
    """Inlines -> the printed lines (LineBreak splits), as plain text."""
    out = [[]]
    for x in inls:
        if x['t'] == 'LineBreak':
            out.append([])
        else:
            out[-1].append(x)
    return [D.squash(D.plain(l, [])) for l in out]


class Writer:
    def __init__(self, doc, cfg, ids):
        self.doc = doc
        self.cfg = cfg
        self.ids = list(ids)
        self.k = 0
        self.notes = []             # (label, id, blocks), through the book

    def inlines(self, inls):
        out = []
        for x in inls:
            t = x['t']
            if t == 'Note':
                nid = self.ids[self.k]
                self.k += 1
                n = len(self.notes) + 1
                self.notes.append((n, nid, x['c']))
                out.append(raw('\\*{%d\\*}' % n))
            elif t == 'Span':
                a, inner = x['c']
                _, classes, _ = D.attr_of(a)
                inner = self.inlines(inner)
                if 'speaker' in classes:
                    out += [raw('\\f[B]')] + inner + [raw('\\f[R]')]
                else:
                    out += inner
            elif t in ('Emph', 'Strong'):
                out.append({'t': t, 'c': self.inlines(x['c'])})
            elif t == 'Quoted':
                out.append({'t': t, 'c': [x['c'][0], self.inlines(x['c'][1])]})
            else:
                out.append(x)
        return out

    def blocks(self, blocks):
        out = []
        for b in blocks:
            t = b['t']
            c = b.get('c')
            if t in ('Para', 'Plain'):
                out.append({'t': t, 'c': self.inlines(c)})
            elif t == 'Div':
                _, classes, _ = D.attr_of(c[0])
                k = [x for x in classes if x in D.DIV_KINDS]
                kind = k[0] if k else None
                if kind in ('dateline', 'closing', 'signature'):
                    for p in c[1]:
                        ls = lines_of(p['c'])
                        out.append(rawb('.LP\n.rj %d\n%s' % (len(ls), '\n'.join(esc(l) for l in ls))))
                else:
                    out += self.blocks(c[1])
            elif t == 'HorizontalRule':
                out.append(rawb('.LP\n.ce\n*\\h\'1m\'*\\h\'1m\'*'))
            elif t == 'BlockQuote':
                out.append(rawb('.RS'))
                out += self.blocks(c)
                out.append(rawb('.RE'))
            else:
                raise SystemExit('ms: block %s not set by this backend' % t)
        return out

    def body(self):
        out = []
        for h, blocks in D.chapters(self.doc):
            hid, classes, kv = D.attr_of(h['c'][1])
            title = D.squash(D.plain(h['c'][2], []))
            out.append(rawb('.ne 8\n.sp 1\n.tm chapter %s - \\n%%\n.ce 2\n%s\n%s\n.sp 0.5' % (
                hid, esc(kv.get('label', '')), esc(title))))
            out += self.blocks(blocks)
        if self.notes:
            out.append(rawb('.bp\n.tm front notes - \\n%\n.ce\nNOTES\n.sp 1'))
            for n, nid, nblocks in self.notes:
                body = self.blocks(nblocks)
                out.append(rawb('.tm notebody %s %d \\n%%\n.IP "%d." 3n' % (nid, n, n)))
                first = True
                for b in body:
                    if b['t'] in ('Para', 'Plain'):
                        if not first:
                            out.append(rawb('.IP "" 3n'))
                        out.append({'t': 'Plain', 'c': b['c']})
                        first = False
                    else:
                        out.append(b)
        assert self.k == len(self.ids)
        return out


def body_ms(doc, cfg):
    w = Writer(doc, cfg, D.note_ids(doc))
    blocks = w.body()
    ast = {'pandoc-api-version': doc['pandoc-api-version'], 'meta': {}, 'blocks': blocks}
    r = subprocess.run(['pandoc', '-f', 'json', '-t', 'ms', '--wrap=preserve'], input=json.dumps(ast),
                       capture_output=True, text=True)
    if r.returncode:
        raise SystemExit('pandoc (ms) failed: %s' % r.stderr)
    return r.stdout, w.notes
