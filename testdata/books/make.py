#!/usr/bin/env python3
"""Make folio's test books: each typeset from its clean Markdown, with its text dumps and its truth.

usage: python3 make.py [BOOK…] [--steps pdf,dumps,ocr,truth,ideal] [--jobs N]

Steps (all by default, in this order):
  pdf     typeset <book>.md -> build/<book>.pdf (XeLaTeX or groff, as gen/books.py says; again until the
          page log is stable, so the contents, the list of illustrations and the index give true pages);
          fixtures: gen/fixture.py lays the pages out as text itself -> <book>-fixture.txt
  dumps   pdftotext -enc UTF-8 -> <book>-pdftotext.txt; with -layout -> <book>-layout.txt
  ocr     pdftoppm -r 300 -gray; tesseract PAGE.png - -l eng (OMP_THREAD_LIMIT=1) -> <book>-ocr.txt, pages
          joined as the book's `ocr` setting says (form feeds, or a blank line: no page marks)
  truth   <book>.truth.json: chapters (score.py's format) from the Markdown, the front matter, the pages
          from the typesetting log, the conventions, and the typesetting record (tools, checksums)
  ideal   pandoc <book>.md -> build/<book>-ideal.epub, scored by ../corpus/score.py: must be 1.0 everywhere

Needs pandoc, xelatex (texlive-xetex), groff, poppler-utils, tesseract-ocr + tesseract-ocr-eng,
fonts-sil-charis, fonts-urw-base35, tex-gyre (fonts of texlive). build/ is not committed.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, 'build')
sys.path.insert(0, HERE)
from gen import doc as D          # noqa: E402
from gen import latex as L        # noqa: E402
from gen import ms as MS          # noqa: E402
from gen import fixture as F      # noqa: E402
from gen.books import BOOKS       # noqa: E402

ENV = dict(os.environ, SOURCE_DATE_EPOCH='1700000000', FORCE_SOURCE_DATE='1', TZ='UTC', LC_ALL='C.UTF-8')


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode:
        sys.stderr.write(r.stdout[-3000:] + r.stderr[-3000:])
        raise SystemExit('failed: %s' % ' '.join(cmd))
    return r.stdout


def version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
        return (r.stdout or r.stderr).strip().split('\n')[0]
    except FileNotFoundError:
        return 'missing'


def md_path(book):
    return os.path.join(HERE, book + '.md')


# ------------------------------------------------------------------ LaTeX books

def contents_tex(cfg, chapters, log):
    pages = {i: p for k, i, lab, p, a in log if k == 'chapter'}
    rows = []
    for ch in chapters:
        if ch['kind'] == 'part':
            rows.append(r'\contentspart{%s}{%s}{%s}' % (L.tex_escape(ch['label'] or ''), L.tex_escape(ch['title']),
                                                       pages.get(ch['id'], '00')))
        else:
            rows.append(r'\contentsrow{%s}{%s}{%s}' % (L.tex_escape(ch['label'] or ''), L.tex_escape(ch['title']),
                                                       pages.get(ch['id'], '00')))
    return r'''\thispagestyle{plain}\vspace*{0.5in}{\centering\normalsize CONTENTS\par}\vspace{22pt}
%s
''' % '\n'.join(rows)


def illustrations_tex(cfg, chapters, log):
    pages = {i: p for k, i, lab, p, a in log if k == 'figure'}
    caps = [p for ch in chapters for p, k in zip(ch['paragraphs'], ch['paragraph_kinds']) if k == 'figure']
    rows = [r'\illustrationline{%s}{%s}' % (L.tex_escape(c), pages.get('f%d' % (i + 1), '00')) for i, c in enumerate(caps)]
    return r'''\thispagestyle{plain}\vspace*{0.5in}{\centering\normalsize ILLUSTRATIONS\par}\vspace{22pt}
%s
''' % '\n'.join(rows)


CONTENTS_MACROS = r"""
\newcommand\contentsrow[3]{\par\noindent\hangindent=2em\makebox[5.6em][l]{\small\MakeUppercase{#1}}#2\dotfill\,#3\par\smallskip}
\newcommand\contentspart[3]{\par\medskip\noindent{\centering\small\MakeUppercase{#1}: \MakeUppercase{#2}\dotfill\,#3\par}\smallskip}
\newcommand\illustrationline[2]{\par\noindent\hangindent=2em #1\dotfill\,#2\par\smallskip}
"""


def tex_meta(m):
    if isinstance(m, str):
        return L.tex_escape(m)
    if isinstance(m, list):
        return [tex_meta(x) for x in m]
    if isinstance(m, dict):
        return {k: tex_meta(v) for k, v in m.items()}
    return m


def page_list(pages):
    """Printed pages -> '3, 5–7, 12' (arabic runs joined by an en dash; roman kept as they are)."""
    nums = sorted({int(p) for p in pages if p.isdigit()})
    out, i = [], 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        out.append(str(nums[i]) if j == i else '%d–%d' % (nums[i], nums[j]))
        i = j + 1
    return ', '.join(sorted({p for p in pages if not p.isdigit()}) + out)


def index_md(keys, log):
    """The index chapter's Markdown from where its terms fell: `Main, 3, 5` and `Main!sub` sub-entries."""
    tree = {}
    for kind, i, lab, page, ab in log:
        if kind != 'index':
            continue
        main, _, sub = keys[int(i) - 1].partition('!')
        e = tree.setdefault(main, {'pages': [], 'subs': {}})
        (e['subs'].setdefault(sub, []) if sub else e['pages']).append(page)

    def order(k):
        return re.sub(r'[^a-z0-9 ]', '', k.lower())
    out = [':::: entry']
    for main in sorted(tree, key=order):
        e = tree[main]
        out += ['', md_escape(main) + (', ' + page_list(e['pages']) if e['pages'] else '')]
        if e['subs']:
            out += ['', '::: subentry']
            for sub in sorted(e['subs'], key=order):
                out += [md_escape(sub) + ', ' + page_list(e['subs'][sub]), '']
            out[-1:] = [':::']
    out += ['::::', '']
    return '\n'.join(out)


def md_escape(s):
    return re.sub(r'([\\*_`\[\]])', r'\\\1', s)


INDEX_HEAD = '# Index {.index}\n'


def build_latex(book, cfg, doc, m, chapters, depth=0):
    os.makedirs(BUILD, exist_ok=True)
    body, keys = L.body_latex(doc, cfg)
    flog = os.path.join(BUILD, book + '.flog')
    if os.path.exists(flog):
        os.remove(flog)
    log = []
    mt = tex_meta(m)
    for it in range(8):
        front = []
        for kind, tex in cfg['front'](mt, log):
            if kind == 'contents':
                tex = contents_tex(cfg, chapters, log)
            elif kind == 'illustrations':
                tex = illustrations_tex(cfg, chapters, log)
            front.append(r'\flogmark{front}{%s}{-}%s' % (kind, tex) + '\n\\clearpage\n')
        tex = (cfg['preamble'] + L.LOG_MACROS + CONTENTS_MACROS + '\\begin{document}\n\\frontmatter\n' + ''.join(front) +
               body + '\n\\end{document}\n')
        with open(os.path.join(BUILD, book + '.tex'), 'w', encoding='utf-8') as f:
            f.write(tex)
        run(['xelatex', '-interaction=nonstopmode', '-halt-on-error', book + '.tex'], cwd=BUILD, env=ENV)
        new = L.read_log(flog)
        if new == log and it > 0:
            break
        log = new
    else:
        raise SystemExit('%s: the page log did not settle in 8 runs' % book)
    tlog = open(os.path.join(BUILD, book + '.log'), encoding='latin-1').read()
    missing = re.findall(r'Missing character: There is no (.) ', tlog)
    if missing:
        raise SystemExit('%s: glyphs missing from the font: %s' % (book, sorted(set(missing))))
    over = len(re.findall(r'^Overfull \\hbox', tlog, re.M))
    print('%s: build/%s.pdf (%d XeLaTeX runs, %d overfull lines)' % (book, book, it + 1, over))
    with open(os.path.join(BUILD, book + '.pagelog.json'), 'w') as f:
        json.dump(log, f)
    if keys:
        # the index is part of the Markdown (the text it was typeset from): write it from the pages the
        # terms fell on, and typeset again until it agrees with itself
        src = open(md_path(book), encoding='utf-8').read()
        head, sep, rest = src.partition(INDEX_HEAD)
        if not sep:
            raise SystemExit('%s: index terms but no "%s" chapter' % (book, INDEX_HEAD.strip()))
        mt = re.match(r'\n*(:::: entry\n.*?\n::::\n)?', rest, re.S)
        old, tail = mt.group(1) or '', rest[mt.end():].lstrip('\n')
        new = index_md(keys, log)
        if new != old:
            if depth >= 3:
                raise SystemExit('%s: the index does not settle' % book)
            with open(md_path(book), 'w', encoding='utf-8') as f:
                f.write(head + sep + '\n' + new + ('\n' + tail if tail else ''))
            print('%s: index written into %s.md; again' % (book, book))
            doc = D.load(md_path(book))
            build_latex(book, cfg, doc, D.meta(doc), D.truth_chapters(doc), depth + 1)


# ------------------------------------------------------------------ groff books

def marker_pages(pages, chapters, offset):
    """Where each note marker is printed: the first page (from the previous marker's on) whose text has the
    anchor token with the note's label glued to it (`October last.1`). None when not found once."""
    res = {}
    p = 0
    for ch in chapters:
        for n in ch['notes']:
            pat = re.compile(re.escape(n['anchor_token']) + re.escape(n['label']) + r'(?!\d)')
            hits = [i for i in range(p, len(pages)) if pat.search(pages[i])]
            if hits:
                p = hits[0]
                res[n['id']] = (str(p + 1 - offset), p + 1)
    return res


def build_ms(book, cfg, doc, m, chapters):
    os.makedirs(BUILD, exist_ok=True)
    body, notes = MS.body_ms(doc, cfg)
    src = cfg['preamble'] + cfg['ms_front'](m) + body
    with open(os.path.join(BUILD, book + '.ms'), 'w', encoding='utf-8') as f:
        f.write(src)
    r = subprocess.run(['groff', '-ms', '-Tpdf', '-k', '-P-p8.5i,5.5i', book + '.ms'], cwd=BUILD,
                       capture_output=True, env=ENV)
    if r.returncode:
        raise SystemExit('groff failed: %s' % r.stderr.decode()[-2000:])
    pdf = os.path.join(BUILD, book + '.pdf')
    with open(pdf, 'wb') as f:
        f.write(r.stdout)
    off = cfg['page_offset']
    log = [('front', 'titlepage', '-', '-', 1)]
    for l in r.stderr.decode().split('\n'):
        p = l.split()
        if len(p) == 4 and p[0] in ('chapter', 'front', 'notebody'):
            log.append((p[0], p[1], p[2], p[3], int(p[3]) + off))
        elif l.strip():
            sys.stderr.write('groff: %s\n' % l)
    labels = {nid: str(n) for n, nid, _ in notes}
    for ch in chapters:
        for n in ch['notes']:
            n['label'] = labels[n['id']]
    pages = run(['pdftotext', '-enc', 'UTF-8', pdf, '-']).split('\f')
    found = marker_pages(pages, chapters, off)
    for n, nid, _ in notes:
        if nid in found:
            log.append(('notemark', nid, str(n), found[nid][0], found[nid][1]))
        else:
            raise SystemExit('%s: the marker of note %s is not found in the text' % (book, nid))
    npages = int(re.search(r'^Pages:\s+(\d+)', run(['pdfinfo', pdf]), re.M).group(1))
    log += [('folio', '-', '-', str(a - off), a) for a in range(off + 1, npages + 1)]    # "Page N" on all but the title
    with open(os.path.join(BUILD, book + '.pagelog.json'), 'w') as f:
        json.dump(log, f)
    print('%s: build/%s.pdf (groff)' % (book, book))


# ------------------------------------------------------------------ fixtures

def build_fixture(book, cfg, doc, m, chapters):
    os.makedirs(BUILD, exist_ok=True)
    hyph = F.Hyphenator(os.path.join(HERE, '..', '..', 'assets', 'hyphen', 'hyphen.tex'))
    flow = F.Flow(doc)
    contents = None
    for _ in range(4):                    # a contents page needs the pages it lists: again until they agree
        tw = F.Typewriter(flow, m, chapters, cfg['fixture'], hyph)
        tw.run(contents)
        pages = {i: p for k, i, lab, p, a in tw.log if k == 'chapter'}
        if pages == contents or not cfg['fixture'].get('front'):
            break
        contents = pages
    tw.check(chapters)
    with open(os.path.join(HERE, book + '-fixture.txt'), 'w', encoding='utf-8') as f:
        f.write(tw.render())
    with open(os.path.join(BUILD, book + '.pagelog.json'), 'w') as f:
        json.dump(tw.log, f)
    print('%s: %s-fixture.txt (%d pages)' % (book, book, len(tw.pages)))


# ------------------------------------------------------------------ steps

def step_pdf(book):
    cfg = BOOKS[book]
    doc = D.load(md_path(book))
    m = D.meta(doc)
    chapters = D.truth_chapters(doc)
    if cfg['engine'] == 'latex':
        build_latex(book, cfg, doc, m, chapters)
    elif cfg['engine'] == 'ms':
        build_ms(book, cfg, doc, m, chapters)
    elif cfg['engine'] == 'fixture':
        build_fixture(book, cfg, doc, m, chapters)
    else:
        raise SystemExit('engine %s not known' % cfg['engine'])


def step_dumps(book):
    if BOOKS[book]['engine'] == 'fixture':
        return
    pdf = os.path.join(BUILD, book + '.pdf')
    run(['pdftotext', '-enc', 'UTF-8', pdf, os.path.join(HERE, book + '-pdftotext.txt')])
    run(['pdftotext', '-enc', 'UTF-8', '-layout', pdf, os.path.join(HERE, book + '-layout.txt')])
    print('%s: %s-pdftotext.txt, %s-layout.txt' % (book, book, book))


def step_ocr(book, jobs):
    join = BOOKS[book].get('ocr')
    if not join:
        return
    pdf = os.path.join(BUILD, book + '.pdf')
    d = os.path.join(BUILD, book + '-pages')
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    run(['pdftoppm', '-r', '300', '-gray', '-png', pdf, os.path.join(d, 'page')])
    pages = sorted(f for f in os.listdir(d) if f.endswith('.png'))
    env = dict(os.environ, OMP_THREAD_LIMIT='1')

    def ocr(f):
        r = subprocess.run(['tesseract', os.path.join(d, f), '-', '-l', 'eng'], capture_output=True, text=True, env=env)
        if r.returncode:
            raise SystemExit('tesseract failed on %s: %s' % (f, r.stderr))
        return r.stdout
    with ThreadPoolExecutor(jobs) as ex:
        texts = list(ex.map(ocr, pages))
    if join == 'formfeed':
        out = ''.join(t if t.endswith('\f') else t + '\f' for t in texts)
    else:       # archive.org style: no page marks, a blank line between pages (blank pages leave nothing)
        out = '\n\n'.join(t.replace('\f', '').strip('\n') for t in texts if t.strip()) + '\n'
    with open(os.path.join(HERE, book + '-ocr.txt'), 'w', encoding='utf-8') as f:
        f.write(out)
    print('%s: %s-ocr.txt (%d pages, %s)' % (book, book, len(pages), join))


def dump_record(p):
    b = open(p, 'rb').read()
    t = b.decode('utf-8')
    lines = t.split('\n')
    return dict(file=os.path.basename(p), bytes=len(b), sha256=hashlib.sha256(b).hexdigest(), lines=len(lines),
                form_feeds=t.count('\f'), line_end_hyphens=sum(1 for l in lines if re.search(r'[^\W\d_]-$', l.rstrip())),
                ligatures=len(re.findall('[\ufb00-\ufb06]', t)), soft_hyphens=t.count('\u00ad'),
                no_break_spaces=t.count('\u00a0'))


FOLIO_RE = {'plain': r'%s', 'em-dashes': r'—\s*%s\s*—', 'dashes': r'-\s*%s\s*-', 'page': r'Page\s+%s'}


def letters(s):
    return re.sub(r'[^a-z]', '', s.lower())


def check_dump(T, log, text):
    """How far the dump shows the furniture the page log says was printed: form feeds per page, folios
    (in the first or last three lines of their page, or anywhere in page order when the dump has no page
    marks) and running heads (in the first three lines). Returns counts, found/expected."""
    conv = T['conventions']
    res = {}
    ff = text.count('\f')
    pdfp = T['typeset'].get('pdf_pages')
    pages = text.split('\f')[:pdfp] if ff else None
    if ff:
        res['form_feeds'] = ff
    style = conv.get('folio', {}).get('style')
    fo = [(p, a) for k, i, lab, p, a in log if k == 'folio']
    if style in FOLIO_RE and fo:
        found, pos = 0, 0
        for p, a in fo:
            alt = FOLIO_RE[style] % re.escape(p)
            if not p.isdigit():                       # front matter: its roman folio may be plain
                alt = '(?:%s|%s)' % (alt, re.escape(p))
            pat = re.compile(r'(^|\s)' + alt + r'(\s|$)')
            if pages is not None:
                ls = [l for l in pages[a - 1].split('\n') if l.strip()] if a <= len(pages) else []
                if any(pat.search(l) for l in ls[:3] + ls[-3:]):
                    found += 1
            else:
                m = pat.search(text, pos)
                if m:
                    found += 1
                    pos = m.end()
        res['folios_found'] = [found, len(fo)]
    heads = [(i, a) for k, i, lab, p, a in log if k == 'head']
    if heads:
        chap = sorted((a, i) for k, i, lab, p, a in log if k == 'chapter')
        titles = {c['id']: c['title'] for c in T['chapters']}
        verso = letters(T['typeset'].get('verso_head') or T['title'])
        found, pos = 0, 0
        for which, a in heads:
            if which == 'recto':
                cur = [i for ca, i in chap if ca <= a]
                want = letters(titles.get(cur[-1], '')) if cur else ''
            else:
                want = verso
            if pages is not None:
                ls = [l for l in pages[a - 1].split('\n') if l.strip()] if a <= len(pages) else []
                if want and any(want in letters(l) for l in ls[:3]):
                    found += 1
            else:
                k = letters(text[pos:]).find(want)
                if want and k >= 0:
                    found += 1
        res['heads_found'] = [found, len(heads)]
    return res


def page_of(log):
    """From the page log: id -> (printed page, pdf page) of chapters, figures, notes."""
    res = {}
    for kind, i, lab, page, ab in log:
        res.setdefault((kind, i), []).append((lab, page, ab))
    return res


def step_truth(book):
    cfg = BOOKS[book]
    doc = D.load(md_path(book))
    m = D.meta(doc)
    chapters = D.truth_chapters(doc)
    log = []
    lp = os.path.join(BUILD, book + '.pagelog.json')
    if os.path.exists(lp):
        log = json.load(open(lp))
    where = page_of(log)
    for ch in chapters:
        w = where.get(('chapter', ch['id']))
        if w:
            ch['start_page'], ch['pdf_page'] = w[0][1], w[0][2]
        for n in ch['notes']:
            mk = where.get(('notemark', n['id']))
            body = where.get(('notebody', n['id'])) or mk
            end = where.get(('noteend', n['id']))
            if mk:
                n['label'] = mk[0][0]
                n['page'], n['pdf_page'] = mk[0][1], mk[0][2]
            if body:
                n['note_pdf_page'] = body[0][2]
            if body and end:
                n['continued'] = end[-1][2] != body[0][2]
    front = []
    fr = {i: (p, a) for k, i, lab, p, a in log if k == 'front'}
    figs = {i: (p, a) for k, i, lab, p, a in log if k == 'figure'}
    for kind in [i for k, i, lab, p, a in log if k == 'front']:
        if kind in ('blank', 'notes'):
            continue
        e = dict(kind=kind)
        if kind in fr:
            e['pdf_page'] = fr[kind][1]
            e['page'] = fr[kind][0] if fr[kind][0] not in ('-', '') and kind in ('contents', 'illustrations') else None
        if kind == 'halftitle':
            e['lines'] = [m['title']]
        elif kind == 'titlepage':
            e.update(title=m['title'], subtitle=m.get('subtitle'), author=m.get('author'),
                     publisher=m.get('publisher'), place=m.get('place'), year=m.get('date'))
        elif kind == 'copyright':
            e['lines'] = m['rights']
        elif kind == 'dedication':
            e['lines'] = m['dedication']
        elif kind == 'epigraph':
            e['lines'] = m['epigraph']['lines']
            e['attribution'] = m['epigraph']['attribution']
        elif kind == 'contents':
            e['entries'] = [dict(label=ch['label'], title=ch['title'],
                                 page=None if ch['kind'] == 'part' and not cfg.get('contents_part_pages', True)
                                 else ch.get('start_page')) for ch in chapters]
        elif kind == 'illustrations':
            caps = [p for ch in chapters for p, k in zip(ch['paragraphs'], ch['paragraph_kinds']) if k == 'figure']
            e['entries'] = [dict(caption=c, page=figs.get('f%d' % (i + 1), (None,))[0]) for i, c in enumerate(caps)]
        front.append(e)
    kinds = {}
    for ch in chapters:
        for k in ch['paragraph_kinds']:
            kinds[k] = kinds.get(k, 0) + 1
    T = dict(book=book, title=m['title'], author=m.get('author'), date=m.get('date'),
             source=cfg.get('source', 'written for folio\'s tests (testdata/books/%s.md)' % book),
             licence=cfg.get('licence', 'CC0 1.0: written for the folio project, dedicated to the public domain'),
             scope=cfg.get('scope', 'the whole book'),
             counts=dict(chapters=len(chapters), paragraphs=sum(len(c['paragraphs']) for c in chapters),
                         sections=sum(len(c['sections']) for c in chapters),
                         notes=sum(len(c['notes']) for c in chapters),
                         words=sum(len(p.split()) for c in chapters for p in c['paragraphs']),
                         note_words=sum(len(n['text'].split()) for c in chapters for n in c['notes']),
                         paragraph_kinds=kinds),
             conventions=cfg['conventions'], front_matter=front, chapters=chapters)
    ts = {k: v for k, v in cfg['typeset'].items() if v is not None}
    pdf = os.path.join(BUILD, book + '.pdf')
    if cfg['engine'] == 'fixture':
        ts['pdf_pages'] = max((a for k, i, lab, p, a in log), default=0)      # pages of the text layer
    elif os.path.exists(pdf):
        info = run(['pdfinfo', pdf])
        ts['pdf_pages'] = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
    ts['tools'] = dict(pandoc=version(['pandoc', '--version']), pdftotext=version(['pdftotext', '-v']),
                       tesseract=version(['tesseract', '--version']), xetex=version(['xelatex', '--version']),
                       groff=version(['groff', '--version']))
    dumps = {}
    T['typeset'] = ts
    for kind in ('pdftotext', 'layout', 'ocr', 'fixture'):
        p = os.path.join(HERE, '%s-%s.txt' % (book, kind))
        if os.path.exists(p):
            dumps[kind] = dump_record(p)
            dumps[kind]['checks'] = check_dump(T, log, open(p, encoding='utf-8').read())
    ts['dumps'] = dumps
    with open(os.path.join(HERE, book + '.truth.json'), 'w', encoding='utf-8') as f:
        json.dump(T, f, ensure_ascii=False, indent=1)
        f.write('\n')
    print('%s: %s.truth.json %s' % (book, book, {k: v for k, v in T['counts'].items() if k != 'paragraph_kinds'}))


def step_ideal(book):
    os.makedirs(BUILD, exist_ok=True)
    epub = os.path.join(BUILD, book + '-ideal.epub')
    run(['pandoc', md_path(book), '-o', epub])
    score = os.path.join(HERE, '..', 'corpus', 'score.py')
    out = run([sys.executable, score, epub, '--truth', os.path.join(HERE, book + '.truth.json')])
    res = {}
    for l in out.split('\n'):
        k, _, v = l.partition(': ')
        res[k] = v
    keys = ['word_precision', 'word_recall', 'note_word_precision', 'note_word_recall', 'paragraph_precision',
            'paragraph_recall', 'toc_recall', 'toc_precision', 'note_link_rate']
    bad = [k for k in keys if res.get(k) not in ('1.0', '1')]
    bad += [k for k in ('hyphen_errors', 'furniture_residue', 'note_leaks', 'marker_residue') if res.get(k) != '0']
    print('%s: ideal EPUB %s' % (book, res.get('summary')))
    if bad:
        raise SystemExit('%s: the ideal EPUB does not score 1.0: %s' % (book, {k: res.get(k) for k in bad}))


def main():
    args = sys.argv[1:]
    steps = ['pdf', 'dumps', 'ocr', 'truth', 'ideal']
    jobs = 2
    if '--steps' in args:
        i = args.index('--steps')
        steps = args[i + 1].split(',')
        del args[i:i + 2]
    if '--jobs' in args:
        i = args.index('--jobs')
        jobs = int(args[i + 1])
        del args[i:i + 2]
    books = args or list(BOOKS)
    for b in books:
        if b not in BOOKS:
            raise SystemExit('no book %r (books: %s)' % (b, ', '.join(BOOKS)))
        if 'pdf' in steps:
            step_pdf(b)
        if 'dumps' in steps:
            step_dumps(b)
        if 'ocr' in steps:
            step_ocr(b, jobs)
        if 'truth' in steps:
            step_truth(b)
        if 'ideal' in steps:
            step_ideal(b)


if __name__ == '__main__':
    main()
