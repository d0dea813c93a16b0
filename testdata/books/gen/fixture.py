"""The hand-made fixtures: a book's AST laid out as a text layer directly, in one chosen convention.

Not a typesetter of PDFs but of text dumps: it wraps the paragraphs at a fixed measure (breaking words
at TeX's hyphenation points, assets/hyphen/hyphen.tex, Liang's algorithm), fills pages of a fixed
number of lines, sets the notes of each page in its foot area (splitting one that does not fit and
carrying the rest to the next page's foot), and prints the page furniture the fixture asks for: page
separation, folios, running heads, foot separator, note labels and markers, paragraph style, and the
characters a text layer invents (ligatures, soft hyphens, no-break spaces, letter-spaced headings).
Everything it prints comes from the Markdown, so the truth made from the same Markdown agrees with it;
`check` verifies that no word was lost or added.

A fixture's settings (gen/books.py, `fixture`):
  width, lines               the measure in characters and the lines of a page (furniture included)
  pages                      'form-feed' | 'leading-space' | 'head-block' | 'none'
  head                       None | 'block' (HEAD / blank / 12) | 'with-folio' (12  TITLE / TITLE  13)
                             | 'alone' (one head line, the book's title)
  folio                      None | dict(style='plain'|'dashes'|'em-dashes'|'page', place='top'|'foot',
                             align='centre'|'outer', openings='foot'|'none'|'same', front='roman'|'none')
  separator                  None | ' ' | a rule ('__________', '—————', '----------')
  labels                     'run-in' | 'alone' | 'superscript' | 'brackets' | 'parens' | 'symbols'
  markers                    'glued' (word1) | 'superscript' (word¹) | 'brackets' (word[1]) | 'parens' (word (1))
                             | 'symbols' (word*)
  scope                      'page' | 'chapter' | 'book'
  continued                  None | '(continued)' (a note's continuation on the next page starts with it)
  paragraphs                 'blank' | 'indent' | 'both'
  chapter                    dict(newpage=bool, label='above'|'none', title='caps'|'as-is', align='centre'|'left',
                             spaced=bool: letter-spaced)
  trailing_space, centre     a space at the end of every line (the sample's text layer); centred lines padded
  chars                      set of 'ligatures', 'soft-hyphens', 'nbsp'
  figures                    'placeholder' ([Illustration: …]) | 'caption'
"""
import re
from collections import Counter

from . import doc as D

SUPERSCRIPT = str.maketrans('0123456789', '⁰¹²³⁴⁵⁶⁷⁸⁹')
SYMBOLS = ['*', '†', '‡', '§', '‖', '¶', '**', '††', '‡‡']
LIGATURES = [('ffi', 'ﬃ'), ('ffl', 'ﬄ'), ('ff', 'ﬀ'), ('fi', 'ﬁ'), ('fl', 'ﬂ')]
MARK = re.compile('\x01([^\x02]*)\x02')
HY = '\x03'          # a hyphen this typewriter put in (soft: the word was split here)


# ------------------------------------------------------------------ hyphenation (Liang)

class Hyphenator:
    def __init__(self, path):
        src = open(path, encoding='latin-1').read()
        src = re.sub(r'%[^\n]*', '', src)
        pats = re.search(r'\\patterns\{(.*?)\}', src, re.S).group(1).split()
        exc = re.search(r'\\hyphenation\{(.*?)\}', src, re.S).group(1).split()
        self.patterns = {}
        for p in pats:
            letters = re.sub(r'\d', '', p)
            nums = [0] * (len(letters) + 1)
            i = 0
            for ch in p:
                if ch.isdigit():
                    nums[i] = int(ch)
                else:
                    i += 1
            self.patterns[letters] = nums
        self.exceptions = {e.replace('-', ''): [i for i, c in enumerate(re.sub(r'[^-]', '', e) and
                                                 _positions(e))] for e in exc}

    def points(self, word):
        """Break positions inside word (letters only, any case): 2 letters at least before, 3 after."""
        w = word.lower()
        if w in self.exceptions:
            return self.exceptions[w]
        s = '.' + w + '.'
        v = [0] * (len(s) + 1)
        for i in range(len(s)):
            for j in range(i + 1, min(len(s), i + 10) + 1):
                nums = self.patterns.get(s[i:j])
                if nums:
                    for k, n in enumerate(nums):
                        if n > v[i + k]:
                            v[i + k] = n
        return [i for i in range(2, len(w) - 2) if v[i + 1] % 2]


def _positions(e):
    res, n = [], 0
    for ch in e:
        if ch == '-':
            res.append(n)
        else:
            n += 1
    return res


# ------------------------------------------------------------------ the flow of a book

def inline_words(inls, ids):
    """Inlines -> printed words; a note marker rides on the word before it as \\x01id\\x02."""
    notes = []
    text = D.plain(inls, notes)
    out = []
    for w in D.squash(text).split(' '):
        parts = w.split(D.NOTE)
        word = parts[0]
        for rest in parts[1:]:
            word += '\x01%s\x02' % ids.pop(0) + rest
        if word:
            out.append(word)
    return out, len(notes)


class Flow:
    """The book as elements: chapter, section, para, verse, break, table, each with printed words."""

    def __init__(self, doc):
        self.ids = D.note_ids(doc)
        ids = list(self.ids)
        self.notes = {}             # id -> [paragraph words…]
        self.elements = []
        self.figures = 0
        for h, blocks in D.chapters(doc):
            hid, classes, kv = D.attr_of(h['c'][1])
            words = self._words(h['c'][2], ids)
            self.elements.append(dict(t='chapter', id=hid, kind=D.chapter_kind(h), label=kv.get('label'),
                                      words=words))
            self._blocks(blocks, ids, 'p')
        assert not ids, ids

    def _words(self, inls, ids):
        before = list(ids)
        words, n = inline_words(inls, ids)
        used = before[:n]
        # the notes' own text: collected when their marker is met (doc order = truth order)
        for nid, nb in zip(used, [x['c'] for x in _notes_in(inls)]):
            self.notes[nid] = self._note_paras(nb)
        return words

    def _note_paras(self, blocks):
        paras = []
        for u in D.walk_units(blocks):
            if u[0] == 'para':
                paras.append(inline_words(u[2], [])[0])
            elif u[0] == 'verse':
                paras.append(' '.join(t for _, t in D.verse_lines(u[2])).split())
        return paras

    def _blocks(self, blocks, ids, kind):
        for u in D.walk_units(blocks, kind):
            if u[0] == 'para':
                words = self._words(u[2], ids)
                if words:
                    e = dict(t='para', kind=u[1], words=words)
                    if u[1] == 'figure':
                        self.figures += 1
                        e['figure'] = 'f%d' % self.figures
                    self.elements.append(e)
            elif u[0] == 'verse':
                lines = []
                for (ind, _), line in zip(D.verse_lines(u[2]), u[2]):
                    lines.append((ind, self._words(line, ids)))
                self.elements.append(dict(t='verse', kind=u[1], lines=lines))
            elif u[0] == 'section':
                self.elements.append(dict(t='section', words=self._words(u[1], ids)))
            elif u[0] == 'break':
                self.elements.append(dict(t='break'))
            elif u[0] == 'table':
                hrows, brows = D.table_rows(u[1])
                self.elements.append(dict(t='table', rows=hrows + brows))


def _notes_in(inls):
    out = []
    for x in inls:
        if x['t'] == 'Note':
            out.append(x)
        elif x['t'] in ('Emph', 'Strong', 'SmallCaps', 'Strikeout', 'Superscript', 'Subscript', 'Underline'):
            out += _notes_in(x['c'])
        elif x['t'] in ('Span', 'Link', 'Quoted', 'Cite'):
            out += _notes_in(x['c'][1])
    return out


# ------------------------------------------------------------------ lines

def vis(s, mw):
    return len(MARK.sub('x' * mw, s).replace(HY, '-'))


def wrap(words, width, first=0, rest=0, hyph=None, mw=1, min_space=4):
    """Greedy lines of at most width; a word that does not fit is broken at a hyphenation point (or after
    a hyphen of its own) when at least min_space characters of the line are left."""
    lines, cur, ind = [], '', first
    for w in words:
        cand = (cur + ' ' + w) if cur else w
        if ind + vis(cand, mw) <= width:
            cur = cand
            continue
        room = width - ind - vis(cur, mw) - (1 if cur else 0)
        head, tail = split_word(w, room, hyph, mw) if room >= min_space else (None, w)
        if head:
            lines.append((' ' * ind) + ((cur + ' ' + head) if cur else head))
            cur, ind = tail, rest
            continue
        if cur:
            lines.append((' ' * ind) + cur)
            ind = rest
        cur = w
        while ind + vis(cur, mw) > width and hyph:          # a word longer than the measure
            head, tail = split_word(cur, width - ind, hyph, mw)
            if not head:
                break
            lines.append((' ' * ind) + head)
            cur, ind = tail, rest
    if cur:
        lines.append((' ' * ind) + cur)
    return lines


def split_word(w, room, hyph, mw):
    """w -> (first part with its hyphen, rest) fitting room, or (None, w)."""
    m = re.match(r'^([^\w\x01]*)([\w’\'-]+?)([^\w]*(?:\x01[^\x02]*\x02[^\w]*)*)$', w)
    if not m or hyph is None:
        return None, w
    pre, core, post = m.groups()
    best = None
    for i, ch in enumerate(core):          # after a hyphen the word has: no hyphen added
        if ch == '-' and 2 <= i < len(core) - 2 and vis(pre + core[:i + 1], mw) <= room:
            best = (pre + core[:i + 1], core[i + 1:] + post)
    if re.fullmatch(r'[A-Za-z]+', core) and len(core) >= 5:
        for p in hyph.points(core):
            if vis(pre + core[:p] + HY, mw) <= room and (best is None or p > len(best[0]) - len(pre)):
                best = (pre + core[:p] + HY, core[p:] + post)
    return best if best else (None, w)


def spaced(s):
    """Letter-spaced capitals, as pdftotext gives them: C H A P T E R   I I."""
    return '   '.join(' '.join(w) for w in s.split())


def centre(s, width, pad=True):
    if not pad:
        return s
    return ' ' * max(0, (width - len(s)) // 2) + s


def right(s, width):
    return ' ' * max(0, width - len(s)) + s


def roman(n):
    out = ''
    for v, r in ((1000, 'm'), (900, 'cm'), (500, 'd'), (400, 'cd'), (100, 'c'), (90, 'xc'), (50, 'l'), (40, 'xl'),
                 (10, 'x'), (9, 'ix'), (5, 'v'), (4, 'iv'), (1, 'i')):
        while n >= v:
            out += r
            n -= v
    return out


# ------------------------------------------------------------------ the typewriter

class Page:
    def __init__(self, kind, number):
        self.kind = kind            # 'front', 'opening', 'body', 'blank'
        self.number = number        # printed folio ('' when none is printed)
        self.section = 'body'       # 'front' (roman folios) or 'body'
        self.folio = True           # whether the page prints its folio
        self.recto = ''             # the chapter title a recto head would show
        self.body = []              # lines (with markers)
        self.notes = []             # ids whose marker is on this page, in order
        self.cont = []              # (id, remaining lines) continued from the page before
        self.foot = []              # laid-out foot lines
        self.labels = {}            # id -> label


class Typewriter:
    def __init__(self, flow, meta, chapters, cfg, hyph):
        self.f = flow
        self.m = meta
        self.chapters = chapters
        self.c = cfg
        self.hyph = hyph
        self.W = cfg['width']
        self.mw = {'glued': 1, 'superscript': 1, 'brackets': 3, 'parens': 4, 'symbols': 1}[cfg['markers']]

    # -- element lines: [(text, [note ids on the line])], plus blank lines before and keep-with-next
    def para_lines(self, e):
        k = e['kind']
        W = self.c['width']
        par = self.c['paragraphs']
        ind = 5 if par in ('indent', 'both') else 0
        words = e['words']
        if k in ('dateline', 'signature', 'attribution'):
            ls = [right(l, W) for l in wrap(words, W - 4, hyph=None, mw=self.mw)]
        elif k == 'closing':
            ls = wrap(words, W, W // 2, W // 2, None, self.mw)
        elif k in ('salutation', 'caption', 'entry', 'bib'):
            ls = wrap(words, W, 0, 2 if k in ('entry', 'bib') else 0, self.hyph, self.mw)
            if k == 'caption':
                ls = [centre(l, W, self.c.get('centre', True)) for l in ls]
        elif k == 'subentry':
            ls = wrap(words, W, 2, 4, self.hyph, self.mw)
        elif k in ('quote', 'epigraph', 'stage'):
            ls = wrap(words, W - 8, 4 + (ind if k == 'quote' and par != 'blank' else 0), 4, self.hyph, self.mw)
            ls = [('    ' + l) if not l.startswith('    ') else l for l in ls]
        elif k == 'figure':
            if self.c.get('figures', 'placeholder') == 'placeholder':
                ls = wrap(['[Illustration:'] + words[:-1] + [words[-1] + ']'], W, 0, 0, None, self.mw)
            else:
                ls = [centre(l, W, self.c.get('centre', True)) for l in wrap(words, W - 10, 0, 0, None, self.mw)]
        elif k == 'speech':
            ls = wrap(words, W, 0, 4, self.hyph, self.mw)
        else:
            ls = wrap(words, W, ind, 0, self.hyph, self.mw)
        return ls

    def element_lines(self, e, prev):
        """-> (lines, blank lines before, keep: lines that must follow on the same page)."""
        par = self.c['paragraphs']
        W = self.W
        gap = 1 if par in ('blank', 'both') else 0
        t = e['t']
        if t == 'chapter':
            ch = self.c['chapter']
            title = ' '.join(e['words'])
            if ch.get('title') == 'caps':
                title = MARK.sub(lambda m: m.group(0), title).upper().replace('\x01C', '\x01c')
                title = re.sub(r'\x01([^\x02]*)\x02', lambda m: '\x01' + m.group(1).lower() + '\x02', title)
            lines = []
            if e['label'] and ch.get('label', 'above') == 'above':
                lab = e['label'].upper() if ch.get('label_caps', True) else e['label']
                lines += [spaced(lab) if ch.get('spaced') else lab, '']
            if ch.get('spaced'):
                title = spaced(title)
            for l in wrap(title.split(' '), W - 10, hyph=None, mw=self.mw):
                lines.append(l)
            al = ch.get('align', 'centre')
            lines = [centre(l, W, self.c.get('centre', True)) if al == 'centre' and l else l for l in lines]
            return lines + [''], (0 if ch.get('newpage') else 2), 6
        if t == 'section':
            s = ' '.join(e['words']).upper()
            return [centre(s, W, self.c.get('centre', True))], 1, 2
        if t == 'break':
            return [centre('*       *       *', W, True)], 1, 1
        if t == 'verse':
            return (['    ' + '  ' * ind + ' '.join(ws) for ind, ws in e['lines']], 1, 0)
        if t == 'table':
            cols = max(len(r) for r in e['rows'])
            wid = [max(len(r[i]) for r in e['rows'] if i < len(r)) for i in range(cols)]
            lines = ['    ' + '   '.join(r[i].ljust(wid[i]) if i == 0 else r[i].rjust(wid[i]) for i in range(len(r)))
                     for r in e['rows']]
            return lines, 1, len(lines)
        kind = e['kind']
        g = gap
        if kind in ('quote', 'dateline', 'salutation', 'closing', 'signature', 'figure', 'caption', 'epigraph',
                    'attribution', 'stage'):
            g = 1
        if kind in ('entry', 'subentry', 'bib', 'cell'):
            g = 0
        if prev and prev.get('kind') == 'salutation' and kind == 'p' and par == 'indent':
            g = 0
        return self.para_lines(e), g, (2 if kind in ('caption', 'salutation') else 0)

    # -- notes
    def label(self, page, nid, n):
        s = self.c['labels']
        num = str(n)
        if self.c['markers'] == 'symbols' or s == 'symbols':
            num = SYMBOLS[n - 1]
        return num

    def note_lines(self, nid, label):
        s = self.c['labels']
        paras = self.f.notes[nid]
        W = self.W
        out = []
        for i, p in enumerate(paras):
            if i == 0:
                if s == 'alone':
                    out.append(label)
                    out += wrap(p, W, 0, 0, self.hyph, self.mw)
                    continue
                lab = {'run-in': label, 'superscript': label.translate(SUPERSCRIPT), 'brackets': '[%s]' % label,
                       'parens': '(%s)' % label, 'symbols': label}[s]
                out += wrap([lab] + p, W, 0, 0, self.hyph, self.mw)
            else:
                out += wrap(p, W, 3, 0, self.hyph, self.mw)
        return out

    def marker(self, label):
        m = self.c['markers']
        return {'glued': label, 'superscript': label.translate(SUPERSCRIPT), 'brackets': '[%s]' % label,
                'parens': ' (%s)' % label, 'symbols': label}[m]

    # -- pages
    def furniture(self, page, verso):
        """(top lines, bottom lines) of a page."""
        c = self.c
        fo = c.get('folio') or {}
        num = page.number or '00'
        if page.kind == 'blank' or (page.kind == 'front' and not page.folio):
            return [], []
        if page.section == 'front' and fo.get('front', 'roman') == 'none':
            fo = {}
        style = fo.get('style')
        if page.section == 'front':
            style = fo.get('front_style', style)
        txt = {'plain': '%s', 'dashes': '- %s -', 'em-dashes': '— %s —', 'page': 'Page %s'}.get(style, '%s') % num
        top, bottom = [], []
        head = c.get('head')
        opening = page.kind == 'opening'
        if opening:
            place = {'foot': 'foot', 'none': None, 'same': fo.get('place')}[fo.get('openings', 'same')]
        else:
            place = fo.get('place')
        if not page.folio or not style:
            place = None

        def aligned(s):
            if fo.get('align') == 'outer' and not (opening and fo.get('openings') == 'foot'):
                return s if verso else right(s, self.W)
            return centre(s, self.W, True)
        htext = None
        if head and not opening and page.kind != 'front':
            htext = c['title'].upper() if (verso or head == 'alone') else page.recto.upper()
        if head == 'block' and htext:
            top = [htext, '', num, '']
            place = None if place == 'top' else place
        elif head == 'with-folio' and htext:
            gap = max(3, self.W - len(htext) - len(num))
            top = [(num + ' ' * gap + htext) if verso else (htext + ' ' * gap + num), '']
            place = None if place == 'top' else place
        elif head == 'alone' and htext:
            top = [centre(htext, self.W, True), '']
        if place == 'top':
            top = [aligned(txt), ''] + top
        elif place == 'foot':
            bottom = ['', aligned(txt)]
        self.printed = dict(folio=bool(style and page.folio and (place or (htext and head in ('block', 'with-folio')))),
                            head=(None if not htext else 'constant' if head == 'alone' else 'verso' if verso
                                  else 'recto'))
        return top, bottom

    def run(self, contents_pages=None):
        c = self.c
        ch = c['chapter']
        log = []                    # (kind, id, label, pdf page); printed pages filled in at the end
        pages = []
        for kind, lines in c.get('front', lambda m, cp, chs: [])(self.m, contents_pages, self.chapters):
            p = Page('front', '')
            p.section = 'front'
            p.folio = kind == 'contents'
            p.body = list(lines)
            pages.append(p)
            log.append(('front', kind, '-', len(pages)))
        self.front_pages = len(pages)
        count = {'chapter': 0, 'book': 0}
        cont = []
        state = dict(page=None, recto='', section='front')

        def new_page(kind):
            if state['page'] is not None:
                finish(state['page'], len(pages))
            p = Page(kind, '')
            p.section = state['section']
            p.folio = True
            p.recto = state['recto']
            p.cont = list(cont)
            cont.clear()
            pages.append(p)
            state['page'] = p
            return p

        def capacity(p, n):
            top, bottom = self.furniture(p, n % 2 == 0)
            return c['lines'] - len(top) - len(bottom)

        def note_len(p, nid):
            return len(self.note_lines(nid, p.labels.get(nid, '9')))

        def foot_need(p, extra=()):
            ids = p.notes + list(extra)
            if not ids and not p.cont:
                return 0
            n = (2 if c.get('separator') and c['separator'] != ' ' else 1)
            n += sum(len(ls) for _, ls in p.cont)
            for i, nid in enumerate(ids):
                n += note_len(p, nid) if i < len(ids) - 1 else min(2, note_len(p, nid))
            return n

        def finish(p, n):
            room = capacity(p, n) - len(p.body)
            foot = []
            sep = c.get('separator')
            if p.notes or p.cont:
                room -= 2 if sep and sep != ' ' else 1
            for nid, ls in p.cont:
                take = ls[:max(0, room)]
                room -= len(take)
                if c.get('continued') and take:
                    take = [c['continued'] + ' ' + take[0].lstrip()] + take[1:]
                foot += take
                if len(take) < len(ls):
                    cont.append((nid, ls[len(take):]))
                else:
                    log.append(('noteend', nid, '-', n))
            for nid in p.notes:
                ls = self.note_lines(nid, p.labels[nid])
                take = ls[:max(1, room)]
                room -= len(take)
                foot += take
                log.append(('notebody', nid, '-', n))
                if len(take) < len(ls):
                    cont.append((nid, ls[len(take):]))
                else:
                    log.append(('noteend', nid, '-', n))
            if foot:
                p.foot = ([sep] if sep == ' ' else ['', sep] if sep else ['']) + foot

        prev = None
        for e in self.f.elements:
            page = state['page']
            if e['t'] == 'chapter':
                section = 'front' if e['kind'] in D.FRONT_KINDS else 'body'
                fresh = page is None or page.kind == 'front' or ch.get('newpage') or section != state['section']
                state['section'] = section
                state['recto'] = ' '.join(MARK.sub('', w) for w in e['words'])
                if c.get('scope') == 'chapter':
                    count['chapter'] = 0
                if fresh:
                    page = new_page('opening')
            lines, before, keep = self.element_lines(e, prev)
            if page.body and before:
                heading = len(lines) if e['t'] in ('chapter', 'section') else 0
                if len(page.body) + before + heading + keep + 1 + foot_need(page) > capacity(page, len(pages)):
                    page = new_page('body')
                else:
                    page.body += [''] * before
            if e['t'] == 'chapter':
                log.append(('chapter', e['id'], '-', len(pages)))
            if e.get('figure'):
                log.append(('figure', e['figure'], '-', len(pages)))
            for l in lines:
                ids = MARK.findall(l)
                if len(page.body) + 1 + foot_need(page, ids) > capacity(page, len(pages)):
                    page = new_page('body')
                for nid in ids:
                    count['book'] += 1
                    count['chapter'] += 1
                    n = {'page': len(page.notes) + 1, 'chapter': count['chapter'], 'book': count['book']}[c['scope']]
                    page.notes.append(nid)
                    page.labels[nid] = self.label(page, nid, n)
                    log.append(('notemark', nid, page.labels[nid], len(pages)))
                page.body.append(l)
            if e['t'] == 'chapter' and page.kind == 'opening':
                page.recto = state['recto']
            prev = e
        finish(state['page'], len(pages))
        while cont:                   # notes still running on: pages of foot only
            p = Page('body', '')
            p.section, p.folio, p.recto = state['section'], True, state['recto']
            p.cont = list(cont)
            cont.clear()
            pages.append(p)
            finish(p, len(pages))
        first = next((i for i, p in enumerate(pages) if p.section == 'body'), len(pages))
        for i, p in enumerate(pages):
            if p.section == 'front':
                p.number = roman(i + 1) if p.folio else ''
            else:
                p.number = str(i - first + 1)
        self.pages = pages
        for n, p in enumerate(pages, 1):            # what each page prints: its folio, its head
            self.printed = dict(folio=False, head=None)
            self.furniture(p, n % 2 == 0)
            if self.printed['folio']:
                log.append(('folio', '-', '-', n))
            if self.printed['head']:
                log.append(('head', self.printed['head'], '-', n))
        self.log = [(k, i, lab, pages[n - 1].number or '-', n) for k, i, lab, n in log]
        return pages

    # -- output
    def render(self):
        c = self.c
        out = []
        chars = c.get('chars', set())
        for i, p in enumerate(self.pages):
            verso = (i + 1) % 2 == 0
            top, bottom = self.furniture(p, verso)
            body = [self.final(l, p) for l in p.body]
            while body and not body[-1].strip():
                body.pop()
            foot = [self.final(l, p) for l in p.foot]
            lines = list(body)
            if foot or bottom:
                cap = c['lines'] - len(top) - len(bottom)
                pad = cap - len(body) - len(foot)
                if c.get('pad', True):
                    lines += [''] * max(0, pad)
                lines += foot
            lines = top + lines + bottom
            if 'ligatures' in chars:
                lines = [self.ligate(l) for l in lines]
            if 'nbsp' in chars:
                lines = [re.sub(r'\b(Mr|Mrs|Dr|St|No)\. (?=[A-Z0-9])', '\\1.\u00a0', l) for l in lines]
            lines = [l.replace(HY, '\u00ad' if 'soft-hyphens' in chars else '-') for l in lines]
            if c.get('trailing_space'):         # the sample's way: text lines end in a space, blank ones are empty
                lines = [l + ' ' if l.strip() else l for l in lines]
            out.append(lines)
        return self.join(out)

    def final(self, l, p):
        return MARK.sub(lambda m: self.marker(p.labels.get(m.group(1)) or self.label_anywhere(m.group(1))), l)

    def label_anywhere(self, nid):
        for p in self.pages:
            if nid in p.labels:
                return p.labels[nid]
        raise KeyError(nid)

    @staticmethod
    def ligate(l):
        for a, b in LIGATURES:
            l = l.replace(a, b)
        return l

    def join(self, pages):
        how = self.c['pages']
        if how == 'form-feed':
            return ''.join('\n'.join(p) + '\n\f' for p in pages)
        if how == 'leading-space':
            out = []
            for p in pages:
                q = list(p)
                for k, l in enumerate(q):
                    if l.strip():
                        q[k] = ' ' + l.lstrip(' ') if not l.startswith(' ') else ' ' + l
                        break
                out.append('\n'.join(q))
            return '\n'.join(out) + '\n'
        if how == 'head-block':
            return '\n\n\n'.join('\n'.join(p) for p in pages) + '\n'
        return '\n\n'.join('\n'.join(p).strip('\n') for p in pages if any(l.strip() for l in p)) + '\n'

    # -- the check: every word of the truth, and nothing else but furniture
    def check(self, truth_chapters):
        want = Counter()
        sp = self.c['chapter'].get('spaced')
        for e in self.f.elements:
            if e['t'] == 'chapter' and e['label'] and self.c['chapter'].get('label', 'above') == 'above':
                want.update(tokens(spaced(e['label']) if sp else e['label']))
        for ch in truth_chapters:
            want.update(tokens(spaced(ch['title']) if sp else ch['title']))
            for s in ch['sections']:
                want.update(tokens(s['title']))
            for p in ch['paragraphs']:
                want.update(tokens(p))
            for n in ch['notes']:
                want.update(tokens(n['text']))
        got = Counter()
        for part in ('body', 'foot'):
            sep = self.c.get('separator')
            text = '\n'.join(MARK.sub('', l) for p in self.pages[self.front_pages:] for l in getattr(p, part)
                             if not (sep and l == sep))
            text = re.sub(HY + r'\n\s*(\S)', r'\1', text)
            text = re.sub(r'(\w-)\n\s*(\S)', r'\1\2', text)
            for l in text.split('\n'):
                got.update(tokens(l))
        for p in self.pages:
            for nid, lab in p.labels.items():          # each note's label, once
                shown = lab.translate(SUPERSCRIPT) if self.c['labels'] == 'superscript' else lab
                for t in tokens(shown):
                    got[t] -= 1
        if self.c.get('figures', 'placeholder') == 'placeholder':
            got['illustration'] -= sum(1 for e in self.f.elements if e.get('figure'))
        got = +got
        if self.c.get('continued'):
            extra = Counter(tokens(self.c['continued']))
            conts = sum(1 for p in self.pages for nid, _ in p.cont)
            for k, v in extra.items():
                got[k] -= v * conts
            got = +got
        if got != want:
            missing = want - got
            extra = got - want
            raise SystemExit('fixture check failed: missing %s, extra %s' % (dict(list(missing.items())[:12]),
                                                                            dict(list(extra.items())[:12])))


TOKEN = re.compile(r"[^\W_]+(?:['\-’][^\W_]+)*")


def tokens(s):
    return TOKEN.findall(s.replace('\u00a0', ' ').lower())
