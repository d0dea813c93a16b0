"""The books: how each is typeset (engine, page, fonts, furniture, notes) and what its text layer
therefore shows (`conventions`, copied into the truth and checked against the dumps by make.py).

Conventions vocabulary (the values a profile learnt from the text should find):
  pages            form-feed | leading-space | head-block | none
  folio.style      plain (12) | dashes (- 12 -) | em-dashes (— 12 —) | page (Page 12) | none
  folio.place      top | foot;   folio.align: centre | outer;   folio.line: alone | with-head
  folio.front      roman | none (front matter);  folio.openings: foot | none | same (chapter-opening pages)
  running_heads    alternating (verso book title, recto chapter title) | constant (one head on every
                   page) | none;  running_heads.line: alone | with-folio
  foot_separator   lone-space | rule-underscore | rule-em-dash | rule-hyphen | none (a drawn rule: no text)
  note_labels      digits-alone (the label on a line of its own above the note) | digits-run-in |
                   superscript-digits | symbols | brackets ([1]) | parens ((1)) | ocr (misread superscripts)
  note_scope       page | chapter | book
  notes_place      foot | chapter-end (NOTES at each chapter's end) | book-end (NOTES at the book's end)
  notes_continued  none | unmarked | marked ("(continued)")
  paragraphs       blank-lines | indent | indent-and-blank | none (neither: only the short last lines show)
  headings         how a chapter opens, e.g. "CHAPTER I / Title (mixed case)"
  front_matter     the front-matter pages, in order
"""

MEMOIR_PREAMBLE = r"""
\documentclass[10pt,twoside,openany]{book}
\usepackage[paperwidth=5.5in,paperheight=8.5in,inner=0.75in,outer=0.6in,top=0.8in,bottom=0.85in,
  headsep=16pt,footskip=30pt]{geometry}
\usepackage{fontspec}
\setmainfont{Charis SIL}
\usepackage{longtable,booktabs,array,calc}
\providecommand{\tightlist}{\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}}
\usepackage{fancyhdr}
\usepackage{perpage}
\MakePerPage{footnote}
% footnotes per page, labelled * † ‡ § ‖ ¶ (text symbols of the font, not math)
\renewcommand\thefootnote{\ifcase\value{footnote}\or *\or †\or ‡\or §\or ‖\or ¶\or **\or ††\or ‡‡\fi}
\interfootnotelinepenalty=100
\pagestyle{fancy}
\fancyhf{}
\renewcommand\headrulewidth{0pt}
\fancyhead[CE]{\small\scshape The Mill at Arden\headlog{verso}}
\fancyhead[CO]{\small\scshape\rightmark\headlog{recto}}
\fancyfoot[C]{\small —\enspace\thepage\enspace—\foliolog}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small —\enspace\thepage\enspace—\foliolog}}
\setlength{\parskip}{0pt}
\makeatletter
\newcommand\bookchapter[5]{%
  \clearpage\thispagestyle{plain}\markboth{#4}{#4}\flogmark{chapter}{#2}{-}%
  \vspace*{0.8in}%
  {\centering\normalfont\normalsize\MakeUppercase{#3}\par\vspace{9pt}\large #5\par}%
  \vspace{26pt}\@afterindentfalse\@afterheading}
\newcommand\booksection[1]{\par\bigskip{\centering\normalfont\scshape #1\par}\nobreak\medskip\@afterheading}
\makeatother
\newenvironment{fdateline}{\par\begin{flushright}}{\end{flushright}}
\newenvironment{fsalutation}{\par\setlength{\parindent}{0pt}}{\par}
\newenvironment{fclosing}{\par\setlength{\parindent}{0pt}\setlength{\leftskip}{0.45\linewidth}}{\par}
\newenvironment{fsignature}{\par\begin{flushright}}{\end{flushright}}
\newenvironment{fpostscript}{\par}{\par}
\newenvironment{fepigraph}{\par\begin{flushright}\begin{minipage}{0.7\linewidth}\small\itshape\raggedleft}{\end{minipage}\end{flushright}}
\newenvironment{fattribution}{\par\begin{flushright}\small}{\end{flushright}\bigskip}
\newenvironment{ffigure}[1]{\par\bigskip\noindent\begin{minipage}{\linewidth}\centering
  \framebox[0.8\linewidth]{\rule{0pt}{1.1in}}\par\smallskip\small\itshape\flogmark{figure}{#1}{-}}%
  {\end{minipage}\par\bigskip}
\newenvironment{fquote}{\begin{quote}\small}{\end{quote}}
"""


def memoir_front(m, log):
    """Half-title, title page, copyright, dedication, epigraph, contents, list of illustrations."""
    t = m['title']
    ded = r'\\'.join(m['dedication'])
    epi = r'\\'.join(m['epigraph']['lines'])
    return [
        ('halftitle', r'\thispagestyle{empty}\vspace*{2.2in}{\centering\large\scshape %s\par}' % t),
        ('blank', r'\thispagestyle{empty}\mbox{}'),
        ('titlepage', r'''\thispagestyle{empty}\begin{center}\vspace*{0.9in}
{\LARGE\MakeUppercase{%(title)s}\par}\vspace{14pt}
{\large\itshape %(subtitle)s\par}\vspace{1.1in}
{\small BY\par}\vspace{6pt}
{\large\MakeUppercase{%(author)s}\par}\vfill
{\normalsize\MakeUppercase{%(publisher)s}\par}\vspace{3pt}
{\small\MakeUppercase{%(place)s}\par}\vspace{3pt}
{\small %(date)s\par}
\end{center}''' % m),
        ('copyright', r'\thispagestyle{empty}\vspace*{\fill}{\footnotesize\centering %s\par}' % r'\par\medskip '.join(m['rights'])),
        ('dedication', r'\thispagestyle{empty}\vspace*{2in}{\centering\itshape %s\par}' % ded),
        ('blank', r'\thispagestyle{empty}\mbox{}'),
        ('epigraph', r'''\thispagestyle{empty}\vspace*{2in}\begin{center}\begin{minipage}{0.72\linewidth}\itshape
%s\par\smallskip\raggedleft\upshape\small — %s\par\end{minipage}\end{center}''' % (epi, m['epigraph']['attribution'])),
        ('blank', r'\thispagestyle{empty}\mbox{}'),
        ('contents', None),
        ('illustrations', None),
    ]


BOOKS = {
    'memoir': dict(
        title='The Mill at Arden',
        engine='latex',
        preamble=MEMOIR_PREAMBLE,
        front=memoir_front,
        notes='footnotes',
        contents_style='memoir',
        ocr='blank',
        typeset=dict(
            engine='pandoc (body) + make.py (structure) -> XeLaTeX, book class, 5.5x8.5 in, Charis SIL 10 pt',
            running_heads='verso: the book title, recto: the chapter title, both centred small capitals at the top, '
                          'alone on their line; none on chapter openings and front matter',
            folios='"— 7 —" centred at the foot of every numbered page (chapter openings too); front matter in '
                   'lower-case roman ("— ix —") on the contents pages, none on the half-title, title, copyright, '
                   'dedication and epigraph pages',
            chapter_opening='a new page; "CHAPTER I" then the title in mixed case on the next line, centred; first '
                            'paragraph not indented',
            notes='footnotes numbered per page with symbols * † ‡ § ‖ ¶ (perpage), at the foot under a drawn rule; '
                  'a long note runs on to the next page with no mark',
            paragraphs='indented, no space between',
            verso_head='The Mill at Arden'),
        conventions=dict(
            pages={'pdftotext': 'form-feed', 'layout': 'form-feed', 'ocr': 'none'},
            folio=dict(style='em-dashes', example='— 7 —', place='foot', align='centre', line='alone',
                       front='roman', openings='same'),
            running_heads=dict(style='alternating', verso='THE MILL AT ARDEN', recto='chapter title', line='alone',
                               place='top', openings='none'),
            foot_separator='none',
            note_labels={'pdftotext': 'symbols', 'layout': 'symbols', 'ocr': 'ocr'},
            note_scope='page',
            notes_place='foot',
            notes_continued='unmarked',
            paragraphs={'pdftotext': 'none', 'layout': 'indent', 'ocr': 'blank-lines'},
            headings='CHAPTER I / Title (mixed case), centred, each chapter on a new page',
            front_matter=['halftitle', 'titlepage', 'copyright', 'dedication', 'epigraph', 'contents',
                          'illustrations'],
            letters=['dateline', 'salutation', 'closing', 'signature', 'postscript'],
        ),
    ),
}


LIGHTS_PREAMBLE = r"""
\documentclass[10pt,twoside,openright]{book}
\usepackage[paperwidth=6in,paperheight=9in,inner=0.85in,outer=0.7in,top=0.85in,bottom=0.9in,
  headsep=18pt,footskip=30pt]{geometry}
\usepackage{fontspec}
\setmainfont{TeX Gyre Pagella}
\newfontfamily\ornamentfont{DejaVu Sans}
\usepackage{soul}
\sodef\spaced{}{.5em}{1.6em}{.5em}
\usepackage{emptypage}
\usepackage{longtable,booktabs,array,calc}
\providecommand{\tightlist}{\setlength{\itemsep}{0pt}\setlength{\parskip}{0pt}}
\usepackage{fancyhdr}
\pagestyle{fancy}
\fancyhf{}
\renewcommand\headrulewidth{0pt}
\fancyhead[C]{\footnotesize THE ROCK AND THE LIGHT\headlog{constant}}
\fancyfoot[LE,RO]{\small\thepage\foliolog}
\fancypagestyle{plain}{\fancyhf{}\fancyfoot[C]{\small\thepage\foliolog}}
% paragraphs indented and a line apart
\setlength{\parindent}{1.5em}
\setlength{\parskip}{\baselineskip}
\makeatletter
\newcommand\bookpart[5]{%
  \cleardoublepage\thispagestyle{empty}\flogmark{chapter}{#2}{-}%
  \vspace*{2.4in}{\centering\normalfont\large\spaced{\MakeUppercase{#3}}\par\vspace{16pt}\Large\MakeUppercase{#5}\par}%
  \cleardoublepage}
\newcommand\bookchapter[5]{%
  \clearpage\thispagestyle{plain}\flogmark{chapter}{#2}{-}%
  \vspace*{0.7in}%
  {\centering\normalfont\ifx\relax#3\relax\else\large\MakeUppercase{#3}\par\vspace{10pt}\fi
   \normalsize\MakeUppercase{#5}\par}%
  \vspace{18pt}\@afterheading}
\newcommand\booksection[1]{\par{\centering\normalfont\small\MakeUppercase{#1}\par}\nobreak\@afterheading}
\makeatother
\newcommand\scenebreak{\par{\centering\ornamentfont ❦\par}}
\newenvironment{fdateline}{\par\begin{flushright}}{\end{flushright}}
\newenvironment{fsignature}{\par\begin{flushright}}{\end{flushright}}
\newenvironment{ffigure}[1]{\par\noindent\begin{minipage}{\linewidth}\centering
  \framebox[0.75\linewidth]{\rule{0pt}{1.4in}}\par\smallskip\small\itshape\flogmark{figure}{#1}{-}}%
  {\end{minipage}\par}
\newenvironment{fquote}{\begin{quote}\small\setlength{\parskip}{0.5\baselineskip}}{\end{quote}}
\newenvironment{fverse}{\par\addvspace{\baselineskip}\begingroup\setlength{\parskip}{0pt}\setlength{\leftskip}{2.5em}\setlength{\parindent}{0pt}}%
  {\par\endgroup}
\newcommand\vl[2]{\par\hangindent=2em\hspace*{#1em}#2}
\newcommand\speaker[1]{\hangindent=1.5em\noindent#1\enspace}
\newenvironment{fstage}{\par\begingroup\setlength{\leftskip}{2.5em}\setlength{\parindent}{0pt}\small}{\par\endgroup}
\newenvironment{fcaption}{\par\bigskip\begingroup\centering\small\setlength{\parskip}{0pt}}{\par\endgroup}
\newenvironment{fbib}{\par\begingroup\setlength{\parindent}{0pt}\setlength{\parskip}{0.5\baselineskip}%
  \everypar{\hangindent=1.5em}}{\par\endgroup}
\newenvironment{fentry}{\par\begingroup\setlength{\parindent}{0pt}\setlength{\parskip}{0pt}\everypar{\hangindent=2em}}{\par\endgroup}
\newenvironment{fsubentry}{\par\begingroup\setlength{\leftskip}{1em}\everypar{\hangindent=2em}}{\par\endgroup}
% endnotes: the marker a superscript number, the notes under NOTES at the chapter's end
\newcommand\enmark[2]{\textsuperscript{#1}\flogmark{notemark}{#2}{#1}}
\newenvironment{chapternotes}{\par\vspace{6pt}{\centering\small NOTES\par}\small
  \setlength{\parskip}{4pt}\setlength{\parindent}{0pt}}{\par}
\newcommand\enitem[2]{\flogmark{notebody}{#2}{#1}\hangindent=1.4em\makebox[1.4em][l]{#1.}}
\setlength{\LTpre}{6pt}\setlength{\LTpost}{6pt}
"""


def lights_front(m, log):
    return [
        ('titlepage', r'''\thispagestyle{empty}\begin{center}\vspace*{1in}
{\LARGE\MakeUppercase{%(title)s}\par}\vspace{14pt}
{\large\itshape %(subtitle)s\par}\vspace{1.2in}
{\small CHOSEN AND EDITED BY\par}\vspace{6pt}
{\large\MakeUppercase{%(editor)s}\par}\vfill
{\normalsize\MakeUppercase{%(publisher)s}\par}\vspace{3pt}
{\small\MakeUppercase{%(place)s}\par}\vspace{3pt}
{\small %(date)s\par}
\end{center}''' % m),
        ('blank', r'\thispagestyle{empty}\mbox{}'),
        ('contents', None),
        ('blank', r'\thispagestyle{empty}\mbox{}'),
    ]


BOOKS['lights'] = dict(
    title='The Rock and the Light',
    engine='latex',
    preamble=LIGHTS_PREAMBLE,
    front=lights_front,
    notes='endnotes-chapter',
    ocr='formfeed',
    source=('Chapters One and Two: Robert Louis Stevenson, Records of a Family of Engineers (1912), Project '
            'Gutenberg eBook #280, file 280-0.txt of github.com/GITenberg/Records-of-a-Family-of-Engineers_280 at '
            'commit 7b8a31733b7b3d66ca3eeeb039c2ec9f00845b86 (lines 2005-2214; 1076-1215 and 1540-1546); chapter '
            'Three: S. T. Coleridge, The Rime of the Ancient Mariner, Part the First, PG eBook #151, file 151.txt of '
            'github.com/GITenberg/The-Rime-of-the-Ancient-Mariner_151 at commit '
            '49003c49191bb6288f8ad9da676bdd7bd1626b71 (lines 41-143); preface, chapter Four, appendix, editor\'s '
            'notes and index written for folio\'s tests'),
    licence=('Stevenson (d. 1894) and Coleridge (d. 1834): public domain; the rest written for the folio project '
             'and dedicated to the public domain (CC0 1.0)'),
    scope='Two chapters of Stevenson, the first part of the Rime, and the editor\'s matter',
    typeset=dict(
        engine='pandoc (body) + make.py (structure) -> XeLaTeX, book class, 6x9 in, TeX Gyre Pagella 10 pt',
        running_heads='the book title in capitals, centred at the top of every page but openings, part pages and '
                      'blank pages: one head on every page, alone on its line',
        folios='at the foot, outer margin (verso left, recto right); chapter openings: centred at the foot; part '
               'pages and blank pages: none; front matter in lower-case roman',
        chapter_opening='a new page; the number as a word in capitals ("ONE") then the title in capitals on the '
                        'next line, centred; parts on a recto page of their own, "PART I" letter-spaced (pdftotext '
                        'gives "PA R T I"), a blank verso after',
        notes='endnotes numbered per chapter, superscript markers glued to the word, gathered under a centred '
              '"NOTES" at each chapter\'s end, "1." run in',
        paragraphs='indented and a full line apart',
        verso_head='The Rock and the Light'),
    conventions=dict(
        pages={'pdftotext': 'form-feed', 'layout': 'form-feed', 'ocr': 'form-feed'},
        folio=dict(style='plain', example='12', place='foot', align='outer', line='alone', front='roman',
                   openings='foot-centre'),
        running_heads=dict(style='constant', verso='THE ROCK AND THE LIGHT', recto='THE ROCK AND THE LIGHT',
                           line='alone', place='top', openings='none'),
        foot_separator='none',
        note_labels={'pdftotext': 'digits-run-in', 'layout': 'digits-run-in', 'ocr': 'digits-run-in'},
        note_markers={'pdftotext': 'superscript-glued', 'layout': 'superscript-glued', 'ocr': 'ocr'},
        note_scope='chapter',
        notes_place='chapter-end',
        notes_continued='none',
        paragraphs={'pdftotext': 'none', 'layout': 'indent-and-blank', 'ocr': 'blank-lines'},
        headings='ONE / TITLE (capitals), centred, each chapter on a new page; PART I (letter-spaced) / TITLE on a '
                 'page of its own; sections: centred capitals (roman numerals, "I—OPERATIONS OF 1807")',
        front_matter=['titlepage', 'contents', 'preface'],
        back_matter=['appendix', 'bibliography', 'index'],
        blocks=['quote', 'verse', 'speech', 'stage', 'figure', 'table', 'scene-break', 'dateline', 'signature'],
        characters=['ligatures (pdftotext gives U+FB00-FB04 for TeX Gyre Pagella)', 'letter-spaced part labels'],
    ),
)


INQUIRY_MS = r""".\" groff ms, 5.5 x 8.5 in, New Century Schoolbook 10/12; block paragraphs a line apart; no running
.\" head; "Page 12" centred at the foot of every page but the title page
.nr PS 10
.nr VS 12
.nr LL 4.1i
.nr PO 0.7i
.nr HM 0.8i
.nr FM 0.9i
.nr PI 0
.nr PD 1v
.fam N
.ds LH
.ds CH
.ds RH
.ds LF
.ds CF
.ds RF
.pl 8.5i
.hy 1
"""


def centred_lines(s, width):
    """Words -> lines of at most `width` characters (a title page's lines)."""
    out = ['']
    for w in s.split():
        if out[-1] and len(out[-1]) + 1 + len(w) > width:
            out.append('')
        out[-1] = (out[-1] + ' ' + w).strip()
    return '\n'.join(out)


def inquiry_front(m):
    m = dict(m, title=centred_lines(m['title'].upper(), 24))
    return r""".LP
.sp 1.3i
.ce 30
.ps 15
.vs 19
%(title)s
.ps 10
.vs 12
.sp 1
\s[11]\f[I]%(subtitle)s\f[R]\s[0]
.sp 1.2i
\s[11]%(author)s\s[0]
.sp 2.2i
%(publisher)s
.sp 0.3
%(place)s
.sp 0.3
%(date)s
.ce 0
.pn 1
.bp
.ds CF Page %%
""" % {k: (v.upper() if k in ('author', 'publisher', 'place') else v) for k, v in m.items()
       if isinstance(v, str)}


BOOKS['inquiry'] = dict(
    title='The Loss of the Fishing Boat “Brothers”',
    engine='ms',
    preamble=INQUIRY_MS,
    front=lambda m, log=None: [('titlepage', None)],
    ms_front=inquiry_front,
    page_offset=1,
    notes='endnotes-book',
    ocr=None,
    typeset=dict(
        engine='pandoc (inline text) + make.py (structure) -> groff -ms -Tpdf -k, 5.5x8.5 in, New Century '
               'Schoolbook 10/12',
        running_heads='none',
        folios='"Page 12" centred at the foot of every page after the title page (which has none)',
        chapter_opening='run on, mid-page: a roman numeral "I." centred, the title in mixed case on the next line, '
                        'centred',
        notes='endnotes numbered through the book, superscript markers glued to the word; gathered under "NOTES" '
              'on a page of their own at the book\'s end, "1." labels with a hanging indent',
        paragraphs='block paragraphs (no indent) a full line apart',
        verso_head=None),
    conventions=dict(
        pages={'pdftotext': 'form-feed', 'layout': 'form-feed'},
        folio=dict(style='page', example='Page 12', place='foot', align='centre', line='alone', front='none',
                   openings='same'),
        running_heads=dict(style='none'),
        foot_separator='none',
        note_labels={'pdftotext': 'digits-run-in', 'layout': 'digits-run-in'},
        note_markers={'pdftotext': 'superscript-glued', 'layout': 'superscript-glued'},
        note_scope='book',
        notes_place='book-end',
        notes_continued='none',
        paragraphs={'pdftotext': 'none', 'layout': 'blank-lines'},
        headings='I. / Title (mixed case), both centred; chapters run on mid-page',
        front_matter=['titlepage'],
        speakers=['THE COMMISSIONER:', 'Mr. Smith:', 'Q. … —A. … (run in)', 'Q. / A. (paragraphs of their own)'],
        letters=['dateline', 'salutation', 'closing', 'signature', 'postscript'],
    ),
)


# ------------------------------------------------------------------ hand-made fixtures (gen/fixture.py)

RFE = ('Robert Louis Stevenson, Records of a Family of Engineers (1912), Project Gutenberg eBook #280, file '
       '280-0.txt of github.com/GITenberg/Records-of-a-Family-of-Engineers_280 at commit '
       '7b8a31733b7b3d66ca3eeeb039c2ec9f00845b86')
PD_RLS = 'Public domain (Stevenson died 1894); headings and notes marked as the editor\'s: CC0 1.0'


def fixture(name, title, source, licence, scope, fx, conventions, typeset, **kw):
    BOOKS[name] = dict(kw, title=title, engine='fixture', fixture=dict(fx, title=title), notes='footnotes',
                       front=lambda m, log: [], source=source, licence=licence, scope=scope, ocr=None,
                       typeset=dict(typeset, engine='gen/fixture.py (a text layer laid out directly from the '
                                                   'Markdown: no PDF)', verso_head=title),
                       conventions=conventions)


fixture(
    'leadspace', 'Records of a Family of Engineers', RFE + ' (lines 60-287: the Introduction)', PD_RLS,
    'Stevenson\'s Introduction, in two chapters (the split and the second title are the fixture\'s)',
    dict(width=62, lines=44, pages='leading-space', head=None, folio=None, separator='__________',
         labels='run-in', markers='glued', scope='chapter', continued=None, paragraphs='blank',
         chapter=dict(newpage=True, label='above', label_caps=False, title='as-is', align='left'),
         trailing_space=True, centre=False, pad=False),
    dict(pages={'fixture': 'leading-space'}, folio=dict(style='none'), running_heads=dict(style='none'),
         foot_separator='rule-underscore', note_labels={'fixture': 'digits-run-in'},
         note_markers={'fixture': 'glued'}, note_scope='chapter', notes_place='foot', notes_continued='unmarked',
         paragraphs={'fixture': 'blank-lines'}, headings='Chapter 1 / Title (mixed case), flush left, at the top of '
         'a new page', front_matter=[], characters=['a trailing space on every line (as the sample)']),
    dict(running_heads='none', folios='none', pages='each page\'s first line indented by one space (the sample\'s '
         'text layer); no form feeds', notes='footnotes per chapter under a printed rule of underscores, "1 text" '
         'run in; markers glued to the word', paragraphs='blank lines between, no indent'))

fixture(
    'headblock', 'Records of a Family of Engineers',
    RFE + ' (lines 291-422 of chapter I and 1216-1309 of chapter II)', PD_RLS,
    'Two stretches of Stevenson\'s chapters I and II, with notes of the fixture\'s own (glosses)',
    dict(width=60, lines=42, pages='head-block', head='block', separator=' ',
         folio=dict(style='plain', place='top', align='centre', openings='foot', front='none'),
         labels='alone', markers='glued', scope='book', continued=None, paragraphs='indent',
         chapter=dict(newpage=True, label='above', title='caps', align='centre'),
         trailing_space=True, centre=True, pad=True),
    dict(pages={'fixture': 'head-block'},
         folio=dict(style='plain', example='12', place='top', align='centre', line='alone', front='none',
                    openings='foot'),
         running_heads=dict(style='alternating', verso='RECORDS OF A FAMILY OF ENGINEERS', recto='chapter title',
                            line='alone', place='top', openings='none', block='HEAD / blank / 12'),
         foot_separator='lone-space', note_labels={'fixture': 'digits-alone'}, note_markers={'fixture': 'glued'},
         note_scope='book', notes_place='foot', notes_continued='unmarked',
         paragraphs={'fixture': 'indent'}, headings='CHAPTER I / TITLE (capitals), centred, at the top of a new page',
         front_matter=[], characters=['a trailing space on every line']),
    dict(running_heads='a head block at the top of every page but openings: the head (verso the book title, '
         'recto the chapter title, in capitals), a blank line, the folio, a blank line ("ENVER HOXHA" / blank / '
         '"244", the sample\'s other page style); pages joined by blank lines only, no form feeds',
         folios='in the head block; on chapter openings centred at the foot',
         notes='footnotes numbered through the book under a lone-space line; the label on a line of its own '
               'above the note\'s text; a long note runs on to the next page unmarked',
         paragraphs='first-line indents, no blank lines'))


def pagefolio_front(m, contents, chapters):
    W = 62
    from gen.fixture import centre
    title = [''] * 8 + [centre(m['title'].upper(), W), '', centre(m['subtitle'], W), '', '', '',
                        centre('BY', W), '', centre(m['author'].upper(), W)] + [''] * 12 + [
        centre(m['publisher'].upper(), W), centre(m['place'].upper(), W), centre(m['date'], W)]
    rows = ['', centre('CONTENTS', W), '', '']
    for ch in chapters:
        page = (contents or {}).get(ch['id'], '00')
        if ch['kind'] == 'part':
            rows += ['', centre('%s: %s' % (ch['label'].upper(), ch['title'].upper()), W), '']
            continue
        head = ('%s %s' % (ch['label'], ch['title'])) if ch['label'] else ch['title']
        dots = ' .' * ((W - len(head) - len(page) - 4) // 2)
        rows.append('%s%s  %s' % (head, dots, page))
    return [('titlepage', title), ('blank', []), ('contents', rows)]


fixture(
    'pagefolio', 'Lights and Landings', RFE + ' (lines 1311-1371 and 1393-1449 of chapter II, 2216-2300 of '
    'chapter III)', PD_RLS,
    'Three stretches of Stevenson\'s chapters II and III in two books, with the fixture\'s own title page, preface, '
    'headings and notes',
    dict(width=62, lines=44, pages='form-feed', head=None, separator='----------',
         folio=dict(style='page', place='foot', align='outer', openings='same', front='roman', front_style='plain'),
         labels='brackets', markers='brackets', scope='page', continued='(continued)', paragraphs='blank',
         chapter=dict(newpage=True, label='above', title='as-is', align='centre'),
         front=pagefolio_front, centre=True, pad=True),
    dict(pages={'fixture': 'form-feed'},
         folio=dict(style='page', example='Page 12', place='foot', align='outer', line='alone', front='roman',
                    front_example='iii', openings='same'),
         running_heads=dict(style='none'), foot_separator='rule-hyphen', note_labels={'fixture': 'brackets'},
         note_markers={'fixture': 'brackets'}, note_scope='page', notes_place='foot', notes_continued='marked',
         paragraphs={'fixture': 'blank-lines'},
         headings='BOOK ONE / Title above chapters; I. / Title (mixed case), centred, each on a new page',
         front_matter=['titlepage', 'contents', 'preface']),
    contents_part_pages=False,
    typeset=dict(running_heads='none', folios='"Page 12" at the foot, outer margin (verso left, recto right); front matter '
         'in plain lower-case roman at the foot', notes='footnotes numbered per page, "[1]" markers after the word '
         'and "[1]" labels; a note that runs on to the next page starts there with "(continued)"',
         paragraphs='blank lines between, no indent'))

fixture(
    'superfoot', 'The Bell Rock Journal', RFE + ' (lines 2302-2407 and 2409-2510 of chapter III)', PD_RLS,
    'Two stretches of Robert Stevenson\'s journal of 1807 as Stevenson gives it, with the fixture\'s headings and '
    'notes',
    dict(width=64, lines=46, pages='form-feed', head=None, separator='——————',
         folio=dict(style='dashes', place='top', align='centre', openings='foot', front='none'),
         labels='superscript', markers='superscript', scope='chapter', continued=None, paragraphs='both',
         chapter=dict(newpage=True, label='above', title='caps', align='centre'), centre=True, pad=True),
    dict(pages={'fixture': 'form-feed'},
         folio=dict(style='dashes', example='- 12 -', place='top', align='centre', line='alone', front='none',
                    openings='foot'),
         running_heads=dict(style='none'), foot_separator='rule-em-dash',
         note_labels={'fixture': 'superscript-digits'}, note_markers={'fixture': 'superscript'},
         note_scope='chapter', notes_place='foot', notes_continued='unmarked',
         paragraphs={'fixture': 'indent-and-blank'},
         headings='CHAPTER I. / TITLE (capitals), centred, each chapter on a new page', front_matter=[]),
    dict(running_heads='none', folios='"- 12 -" centred at the top; chapter openings: centred at the foot',
         notes='footnotes numbered per chapter under a rule of em dashes; superscript digits (¹²³) as markers and '
               'as labels', paragraphs='first-line indents and a blank line between'))

fixture(
    'nomarks', 'Letters from the North', 'written for folio\'s tests (testdata/books/nomarks.md)',
    'CC0 1.0: written for the folio project, dedicated to the public domain', 'the whole book (five letters)',
    dict(width=60, lines=40, pages='none', head='with-folio', separator=None,
         folio=dict(style='plain', place='top', align='outer', openings='foot', front='none'),
         labels='parens', markers='parens', scope='page', continued=None, paragraphs='blank',
         chapter=dict(newpage=False, label='above', title='caps', align='centre'), centre=True, pad=True),
    dict(pages={'fixture': 'none'},
         folio=dict(style='plain', example='12', place='top', align='outer', line='with-head', front='none',
                    openings='foot'),
         running_heads=dict(style='alternating', verso='LETTERS FROM THE NORTH', recto='the current letter\'s title',
                            line='with-folio', place='top', openings='none'),
         foot_separator='none', note_labels={'fixture': 'parens'}, note_markers={'fixture': 'parens'},
         note_scope='page', notes_place='foot', notes_continued='none', paragraphs={'fixture': 'blank-lines'},
         headings='I / TITLE (capitals), centred; the letters run on mid-page', front_matter=[],
         letters=['dateline', 'salutation', 'closing', 'signature', 'postscript']),
    dict(running_heads='verso "12   LETTERS FROM THE NORTH" (folio at the outer margin, on the head\'s line), recto '
         '"TO HIS MOTHER   13"; none on the first page, whose folio is centred at the foot',
         folios='on the head\'s line, outer margin', pages='no page marks at all: pages follow one another with a '
         'blank line between (archive.org style); only the heads with their folios show where a page starts',
         notes='footnotes numbered per page, " (1)" markers after the word and "(1)" labels; no separator line',
         paragraphs='blank lines between'))

fixture(
    'chars', 'The Silent Sea',
    'S. T. Coleridge, The Rime of the Ancient Mariner, Part the Second, PG eBook #151, file 151.txt of '
    'github.com/GITenberg/The-Rime-of-the-Ancient-Mariner_151 at commit 49003c49191bb6288f8ad9da676bdd7bd1626b71 '
    '(lines 148-224); the prose written for folio\'s tests',
    'Coleridge (d. 1834): public domain; the rest CC0 1.0', 'the whole book',
    dict(width=62, lines=44, pages='form-feed', head='alone', separator=None,
         folio=dict(style='plain', place='foot', align='centre', openings='same', front='none'),
         labels='symbols', markers='symbols', scope='page', continued=None, paragraphs='indent',
         chapter=dict(newpage=True, label='above', title='caps', align='centre', spaced=True),
         chars={'ligatures', 'soft-hyphens', 'nbsp'}, figures='placeholder', centre=True, pad=True),
    dict(pages={'fixture': 'form-feed'},
         folio=dict(style='plain', example='12', place='foot', align='centre', line='alone', front='none',
                    openings='same'),
         running_heads=dict(style='constant', verso='THE SILENT SEA', recto='THE SILENT SEA', line='alone',
                            place='top', openings='none'),
         foot_separator='none', note_labels={'fixture': 'symbols'}, note_markers={'fixture': 'symbols'},
         note_scope='page', notes_place='foot', notes_continued='none', paragraphs={'fixture': 'indent'},
         headings='C H A P T E R   I / T H E   T I T L E (letter-spaced capitals), centred, each on a new page',
         front_matter=[],
         characters=['ligatures U+FB00-FB04 (ﬁ ﬂ ﬀ ﬃ ﬄ) wherever the letters meet',
                     'soft hyphens (U+00AD) for the line-end hyphens', 'no-break spaces after Mr., Dr., St., No.',
                     'letter-spaced headings'],
         blocks=['verse (stanzas, alternate lines indented)', 'quote (deeper indent)', 'table (columns by spaces)',
                 'figure ([Illustration: …])', 'scene-break (* * *)']),
    dict(running_heads='the book title, centred, on every page but openings', folios='plain, centred at the foot',
         notes='footnotes per page, labelled and marked * † ‡, no separator line',
         paragraphs='first-line indents, no blank lines; the text layer\'s own characters: ligatures, soft hyphens, '
                    'no-break spaces, letter-spaced headings'))
