"""A book's clean Markdown as pandoc reads it (its JSON AST), and the truth made from it.

The Markdown conventions of these books (pandoc Markdown, nothing else):
  # Title {label="Chapter I"}            a chapter; the printed number as `label` (optional in an output heading)
  # Title {.part label="Part I"}         a part (a level above chapters); other kinds by class:
                                        .appendix .bibliography .index .preface .introduction
  ## Title                              a section of a chapter
  ::: dateline / salutation / closing / signature / postscript   the parts of a letter
  ::: epigraph / attribution            a chapter's epigraph and its source line
  ::: figure                            an illustration: its caption (the book prints a frame and the caption)
  ::: caption                           a table's title line
  ::: stage                             a stage direction
  ::: entry / subentry                  index entries (page numbers as printed)
  ::: bib                               a bibliography entry
  > …                                   a block quotation (each paragraph kind `quote`)
  | …                                   verse: one line block per stanza, two leading spaces an em of indent
  * * *                                 a scene break (printed as the book's own mark: no text)
  [NAME.]{.speaker} …                   a speech, its speaker label as printed
  [term]{.idx}                          an index term (make.py builds the index from where they fall)
  [^id]                                 a note (foot- or endnote: the book's settings say which)
The YAML metadata holds the front matter: title, subtitle, author, publisher, place, date, rights
(the copyright page's lines), dedication (lines), epigraph (lines + attribution), contents,
illustrations, halftitle (true/false).
"""
import json
import re
import subprocess

FRONT_KINDS = {'preface', 'introduction'}
KINDS = {'part', 'appendix', 'bibliography', 'index', 'preface', 'introduction'}
DIV_KINDS = {'dateline', 'salutation', 'closing', 'signature', 'postscript', 'epigraph', 'attribution',
             'figure', 'caption', 'stage', 'entry', 'subentry', 'bib'}
NOTE = '\x00'


def load(path):
    r = subprocess.run(['pandoc', '-f', 'markdown', '-t', 'json', path], capture_output=True, text=True)
    if r.returncode:
        raise SystemExit('pandoc could not read %s: %s' % (path, r.stderr))
    return json.loads(r.stdout)


def attr_of(a):
    """pandoc Attr -> (id, classes, {key: value})."""
    return a[0], a[1], dict(a[2])


# ------------------------------------------------------------------ plain text

def plain(inls, notes=None, sep=' '):
    """Inline list -> text as a reader sees it; each Note becomes NOTE (its blocks appended to notes)."""
    out = []
    for x in inls:
        t = x['t']
        c = x.get('c')
        if t == 'Str':
            out.append(c)
        elif t in ('Space', 'SoftBreak'):
            out.append(' ')
        elif t == 'LineBreak':
            out.append(sep)
        elif t in ('Emph', 'Strong', 'SmallCaps', 'Strikeout', 'Superscript', 'Subscript', 'Underline'):
            out.append(plain(c, notes, sep))
        elif t == 'Quoted':
            o, e = ('‘', '’') if c[0]['t'] == 'SingleQuote' else ('“', '”')
            out.append(o + plain(c[1], notes, sep) + e)
        elif t in ('Span', 'Link'):
            out.append(plain(c[1], notes, sep))
        elif t == 'Cite':
            out.append(plain(c[1], notes, sep))
        elif t == 'Code':
            out.append(c[1])
        elif t == 'Note':
            if notes is None:
                raise ValueError('a note where none may be')
            notes.append(c)
            out.append(NOTE)
    return ''.join(out)


def squash(s):
    """Collapse runs of white space (no-break spaces too) into one space, trim."""
    return re.sub(r'[ \t\n\u00a0]+', ' ', s).strip()


def meta_text(m):
    """A metadata value as plain text (lists as lists, maps as dicts)."""
    if m is None:
        return None
    t = m['t']
    if t == 'MetaInlines':
        return squash(plain(m['c']))
    if t == 'MetaBlocks':
        return '\n\n'.join(squash(plain(b['c'])) for b in m['c'] if b['t'] in ('Para', 'Plain'))
    if t == 'MetaString':
        return m['c']
    if t == 'MetaBool':
        return m['c']
    if t == 'MetaList':
        return [meta_text(x) for x in m['c']]
    if t == 'MetaMap':
        return {k: meta_text(v) for k, v in m['c'].items()}
    raise ValueError(t)


def meta(doc):
    return {k: meta_text(v) for k, v in doc['meta'].items()}


def verse_lines(lb):
    """LineBlock -> [(indent in ems, line text)]: two leading (no-break) spaces are one em."""
    res = []
    for line in lb:
        s = plain(line, [])
        lead = len(s) - len(s.lstrip(' \u00a0'))
        res.append((lead // 2, squash(s)))
    return res


# ------------------------------------------------------------------ chapters

def chapters(doc):
    """Top-level blocks -> [(header, [blocks])]; everything must sit under a level-1 heading."""
    res = []
    for b in doc['blocks']:
        if b['t'] == 'Header' and b['c'][0] == 1:
            res.append((b, []))
        elif not res:
            raise SystemExit('text before the first chapter heading: %s' % json.dumps(b)[:120])
        else:
            res[-1][1].append(b)
    return res


def chapter_kind(header):
    _, classes, _ = attr_of(header['c'][1])
    k = [c for c in classes if c in KINDS]
    return k[0] if k else 'chapter'


def walk_units(blocks, kind='p'):
    """Blocks -> reading units in order: ('para', kind, inlines), ('verse', kind, lineblock),
    ('section', inlines, level), ('break',), ('table', table)."""
    for b in blocks:
        t = b['t']
        c = b.get('c')
        if t in ('Para', 'Plain'):
            k = kind
            if c and c[0]['t'] == 'Span' and 'speaker' in c[0]['c'][0][1]:
                k = 'speech'
            yield ('para', k, c)
        elif t == 'LineBlock':
            yield ('verse', 'verse' if kind in ('p', 'quote') else kind, c)
        elif t == 'BlockQuote':
            yield from walk_units(c, 'quote')
        elif t == 'Div':
            _, classes, _ = attr_of(c[0])
            k = [x for x in classes if x in DIV_KINDS]
            yield from walk_units(c[1], k[0] if k else kind)
        elif t == 'Header':
            yield ('section', c[2], c[0], c[1])
        elif t == 'HorizontalRule':
            yield ('break',)
        elif t == 'Table':
            yield ('table', c)
        elif t in ('RawBlock', 'Null'):
            continue
        else:
            raise SystemExit('block kind not used by these books: %s' % t)


def table_rows(c):
    """pandoc Table -> (header rows, body rows), each a list of cell texts."""
    _, caption, colspecs, head, bodies, foot = c

    def rows(rs):
        out = []
        for r in rs:
            cells = []
            for cell in r[1]:
                cells.append(squash(' '.join(plain(b['c']) for b in cell[4] if b['t'] in ('Para', 'Plain'))))
            out.append(cells)
        return out
    hrows = rows(head[1])
    brows = []
    for body in bodies:
        brows += rows(body[2]) + rows(body[3])
    return hrows, brows


def note_text(blocks):
    paras = []
    for u in walk_units(blocks):
        if u[0] == 'para':
            paras.append(squash(plain(u[2])))
        elif u[0] == 'verse':
            paras.append(' '.join(t for _, t in verse_lines(u[2])))
    return '\n\n'.join(p for p in paras if p)


def anchored(text_with_marks):
    """Text with NOTE marks -> (plain text, [char offset of each mark])."""
    s = squash(text_with_marks)
    offs = []
    out = []
    for ch in s:
        if ch == NOTE:
            offs.append(len(''.join(out)))
        else:
            out.append(ch)
    return ''.join(out).rstrip(), offs


def anchor_of(text, off):
    before = text[:off].split()
    tok = before[-1] if before else ''
    aw = re.findall(r'[^\W_]+', tok)
    return tok, aw[-1] if aw else ''


def truth_chapters(doc):
    """The truth's chapters[] (score.py's format, plus `kind`, and per chapter `verse_lines`,
    `speakers`, `scene_breaks`, `tables` where the chapter has them)."""
    out = []
    for ci, (h, blocks) in enumerate(chapters(doc), 1):
        hid, classes, kv = attr_of(h['c'][1])
        notes_blocks = []
        ttext, toffs = anchored(plain(h['c'][2], notes_blocks))
        ch = dict(title=ttext, label=kv.get('label'), kind=chapter_kind(h), id=hid, paragraphs=[],
                  paragraph_kinds=[], sections=[], notes=[])
        pending = [(True, None, off) for off in toffs]       # (in_title, paragraph, offset) per note, in order
        extra = dict(verse_lines={}, speakers={}, scene_breaks=[], tables=[])
        for u in walk_units(blocks):
            if u[0] == 'section':
                ch['sections'].append(dict(title=squash(plain(u[1])), before_paragraph=len(ch['paragraphs'])))
                continue
            if u[0] == 'break':
                extra['scene_breaks'].append(len(ch['paragraphs']))
                continue
            if u[0] == 'table':
                hrows, brows = table_rows(u[1])
                extra['tables'].append(dict(first_paragraph=len(ch['paragraphs']), header=hrows, rows=brows))
                for r in hrows + brows:
                    for cell in r:
                        if cell:
                            ch['paragraphs'].append(cell)
                            ch['paragraph_kinds'].append('cell')
                continue
            pi = len(ch['paragraphs'])
            if u[0] == 'verse':
                lines = verse_lines(u[2])
                text, offs = anchored(' '.join(squash(plain(line, notes_blocks)) for line in u[2]))
                extra['verse_lines'][str(pi)] = [[i, t] for i, t in lines]
            else:
                text, offs = anchored(plain(u[2], notes_blocks))
                if u[1] == 'speech':
                    extra['speakers'][str(pi)] = squash(plain(u[2][0]['c'][1]))
            if not text:
                continue
            ch['paragraphs'].append(text)
            ch['paragraph_kinds'].append(u[1])
            pending += [(False, pi, off) for off in offs]
        assert len(pending) == len(notes_blocks), (ci, len(pending), len(notes_blocks))
        for num, ((in_title, pi, off), nb) in enumerate(zip(pending, notes_blocks), 1):
            ptxt = ttext if in_title else ch['paragraphs'][pi]
            tok, aw = anchor_of(ptxt, off)
            ch['notes'].append(dict(num=num, id='c%dn%d' % (ci, num), in_title=in_title, paragraph=pi,
                                    anchor_offset=off, anchor_token=tok, anchor_word=aw, text=note_text(nb)))
        for k, v in extra.items():
            if v:
                ch[k] = v
        out.append(ch)
    return out


def note_ids(doc):
    """The truth id of every Note of the document, in document order (c<chapter>n<num>)."""
    ids = []
    for ci, ch in enumerate(truth_chapters(doc), 1):
        ids += [n['id'] for n in ch['notes']]
    return ids
