"""A book's AST -> a XeLaTeX file: pandoc writes the inline text (escaping, quotes, italics, tables),
this module the structure (chapters, parts, letters, verse, figures, notes, index marks) as raw
LaTeX around it, and the front matter from the metadata.

Every place the truth needs a page for is logged at shipout to <job>.flog, one line each:
`KIND ID LABEL PAGE ABS` (PAGE the printed folio, ABS the PDF page): chapters, figures, note
markers and note bodies (start and end: a note that ends on a later page ran on), index terms.
make.py reads the log, writes the contents page, the list of illustrations and the index from it,
and typesets again until the log no longer changes.
"""
import json
import re
import subprocess

from . import doc as D

LOG_MACROS = r"""
\newwrite\flog
\immediate\openout\flog=\jobname.flog
% KIND ID LABEL PAGE ABS, written when the page is shipped out (so PAGE is the page it lands on)
\newcommand\flogmark[3]{\write\flog{#1 #2 #3 \thepage\space\the\ReadonlyShipoutCounter}}
\newcommand\fnmark[1]{\edef\fltmp{\noexpand\write\flog{notemark #1 \thefootnote\space
  \noexpand\thepage\space\noexpand\the\noexpand\ReadonlyShipoutCounter}}\fltmp}
\newcommand\fnbody[1]{\flogmark{notebody}{#1}{-}}
\newcommand\fnend[1]{\flogmark{noteend}{#1}{-}}
\newcommand\idx[1]{\flogmark{index}{#1}{-}}
% the folio and the running head log the pages they are printed on (in the page's head and foot)
\newcommand\foliolog{\flogmark{folio}{-}{-}}
\newcommand\headlog[1]{\flogmark{head}{#1}{-}}
"""


def raw(s):
    return {'t': 'RawInline', 'c': ['latex', s]}


def rawb(s):
    return {'t': 'RawBlock', 'c': ['latex', s]}


def plainb(inls):
    return {'t': 'Plain', 'c': inls}


def tex_escape(s):
    rep = {'\\': r'\textbackslash{}', '&': r'\&', '%': r'\%', '$': r'\$', '#': r'\#', '_': r'\_',
           '{': r'\{', '}': r'\}', '~': r'\textasciitilde{}', '^': r'\textasciicircum{}'}
    return ''.join(rep.get(c, c) for c in s)


def key_of(s):
    return re.sub(r'[^A-Za-z0-9]+', '-', s).strip('-').lower()


class Writer:
    """Walks the AST the way doc.truth_chapters does, so that the n-th Note is the truth's n-th note."""

    def __init__(self, doc, cfg, ids):
        self.doc = doc
        self.cfg = cfg
        self.ids = list(ids)
        self.k = 0
        self.figures = 0
        self.endnotes = []          # (number, id, blocks) of the current chapter
        self.idx_keys = []          # index terms in order: \idx{n} marks the n-th

    def next_id(self):
        i = self.ids[self.k]
        self.k += 1
        return i

    def inlines(self, inls):
        out = []
        for x in inls:
            t = x['t']
            if t == 'Note':
                nid = self.next_id()
                if self.cfg['notes'].startswith('endnotes'):
                    n = len(self.endnotes) + 1
                    self.endnotes.append((n, nid, x['c']))
                    out.append(raw(r'\enmark{%d}{%s}' % (n, nid)))
                else:
                    body = self.blocks(x['c'], in_note=True)
                    paras = [b for b in body if b['t'] in ('Para', 'Plain')]
                    paras[0]['c'].insert(0, raw(r'\fnbody{%s}' % nid))
                    paras[-1]['c'].append(raw(r'\fnend{%s}' % nid))
                    out.append({'t': 'Note', 'c': body})
                    out.append(raw(r'\fnmark{%s}' % nid))
            elif t == 'Span':
                a, inner = x['c']
                _, classes, kv = D.attr_of(a)
                inner = self.inlines(inner)
                if 'speaker' in classes:
                    out += [raw(r'\speaker{')] + inner + [raw('}')]
                elif 'idx' in classes:
                    self.idx_keys.append(kv.get('key') or D.squash(D.plain(x['c'][1], [])))
                    out += inner + [raw(r'\idx{%d}' % len(self.idx_keys))]
                else:
                    out += inner
            elif t in ('Emph', 'Strong', 'SmallCaps'):
                out.append({'t': t, 'c': self.inlines(x['c'])})
            elif t == 'Quoted':
                out.append({'t': t, 'c': [x['c'][0], self.inlines(x['c'][1])]})
            else:
                out.append(x)
        return out

    def blocks(self, blocks, in_note=False):
        out = []
        for b in blocks:
            t = b['t']
            c = b.get('c')
            if t in ('Para', 'Plain'):
                out.append({'t': t, 'c': self.inlines(c)})
            elif t == 'LineBlock':
                out.append(rawb(r'\begin{fverse}'))
                lines = []
                for i, (ind, _) in zip(range(len(c)), D.verse_lines(c)):
                    inl = self.inlines(c[i])
                    while inl and inl[0]['t'] == 'Str' and not inl[0]['c'].strip('\u00a0 '):
                        inl = inl[1:]
                    if inl and inl[0]['t'] == 'Str':
                        inl = [{'t': 'Str', 'c': inl[0]['c'].lstrip('\u00a0 ')}] + inl[1:]
                    lines += [raw(r'\vl{%d}{' % ind)] + inl + [raw('}\n')]
                out.append(plainb(lines))
                out.append(rawb(r'\end{fverse}'))
            elif t == 'BlockQuote':
                out.append(rawb(r'\begin{fquote}'))
                out += self.blocks(c)
                out.append(rawb(r'\end{fquote}'))
            elif t == 'Div':
                _, classes, kv = D.attr_of(c[0])
                k = [x for x in classes if x in D.DIV_KINDS]
                if not k:
                    out += self.blocks(c[1])
                    continue
                env = 'f' + k[0]
                if k[0] == 'figure':
                    self.figures += 1
                    out.append(rawb(r'\begin{ffigure}{f%d}' % self.figures))
                else:
                    out.append(rawb(r'\begin{%s}' % env))
                out += self.blocks(c[1])
                out.append(rawb(r'\end{%s}' % env))
            elif t == 'Header':
                level, a, inls = c
                out.append(plainb([raw(r'\booksection{')] + self.inlines(inls) + [raw('}')]))
            elif t == 'HorizontalRule':
                out.append(rawb(r'\scenebreak'))
            elif t == 'Table':
                out.append(b)
            else:
                out.append(b)
        return out

    def chapter_notes(self):
        """Endnotes: the chapter's notes under a NOTES heading at its end."""
        if not self.endnotes:
            return []
        out = [rawb(r'\begin{chapternotes}')]
        for n, nid, nblocks in self.endnotes:
            body = self.blocks(nblocks, in_note=True)
            paras = [b for b in body if b['t'] in ('Para', 'Plain')]
            paras[0]['c'][:0] = [raw(r'\enitem{%d}{%s}' % (n, nid))]
            paras[-1]['c'].append(raw(r'\fnend{%s}' % nid))
            out += body
        out.append(rawb(r'\end{chapternotes}'))
        self.endnotes = []
        return out

    def body(self):
        out = []
        main = False
        for h, blocks in D.chapters(self.doc):
            hid, classes, kv = D.attr_of(h['c'][1])
            kind = D.chapter_kind(h)
            if not main and kind not in D.FRONT_KINDS:
                out.append(rawb(r'\mainmatter'))
                main = True
            label = tex_escape(kv.get('label', ''))
            title = self.inlines(h['c'][2])
            short = tex_escape(kv.get('short', D.squash(D.plain([x for x in h['c'][2] if x['t'] != 'Note']))))
            macro = {'part': 'bookpart'}.get(kind, 'bookchapter')
            out.append(plainb([raw('\\%s{%s}{%s}{%s}{%s}{' % (macro, kind, hid, label, short))] + title + [raw('}')]))
            out += self.blocks(blocks)
            if self.cfg['notes'] == 'endnotes-chapter':
                out += self.chapter_notes()
        assert self.k == len(self.ids), (self.k, len(self.ids))
        return out


def body_latex(doc, cfg):
    ids = D.note_ids(doc)
    w = Writer(doc, cfg, ids)
    blocks = w.body()
    ast = {'pandoc-api-version': doc['pandoc-api-version'], 'meta': {}, 'blocks': blocks}
    r = subprocess.run(['pandoc', '-f', 'json', '-t', 'latex', '--wrap=none'], input=json.dumps(ast),
                       capture_output=True, text=True)
    if r.returncode:
        raise SystemExit('pandoc (latex) failed: %s' % r.stderr)
    return r.stdout, w.idx_keys


def read_log(path):
    """<job>.flog -> [(kind, id, label, page, abs)]."""
    res = []
    try:
        lines = open(path, encoding='utf-8').read().split('\n')
    except FileNotFoundError:
        return res
    for l in lines:
        p = l.split()
        if len(p) >= 5:
            res.append((p[0], p[1], ' '.join(p[2:-2]), p[-2], int(p[-1])))
    return res
