#!/usr/bin/env python3
"""A line range of a Project Gutenberg plain text -> pandoc Markdown, as the books' excerpts were made.

usage: python3 gen/gutenberg.py PG.txt FIRST LAST [--notes]      (lines 1-based, inclusive)

Used once for each excerpt (README.md says which lines of which file); the Markdown it printed was
pasted into the book and then edited by hand where the README says so. Rules: blank-line blocks
are paragraphs (lines joined, double spaces after stops made single); a block indented four or
more spaces is a quotation (> …), set as verse (| …) when its lines are short; a block far to the
right in brackets (`[Monday, 17th Aug.]`) is a date line; a lone roman numeral or a capitals line
(`I—OPERATIONS OF 1807`) is a section heading; `_x_` -> `*x*`; `{91a}` -> a note reference whose
text comes from the `Footnotes:` list at the end of the file (--notes prints those notes too).
"""
import re
import sys

SMALL = {'a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with'}


def title_case(s):
    words = s.lower().split()
    out = []
    for i, w in enumerate(words):
        out.append(w if i and w in SMALL else re.sub(r'^([^\w]*)(\w)', lambda m: m.group(1) + m.group(2).upper(), w))
    return re.sub(r'—(\w)', lambda m: '—' + m.group(1).upper(), ' '.join(out))


def inline(s):
    s = re.sub(r'\s+', ' ', s).strip()
    s = s.replace('*', r'\*')
    s = re.sub(r'_([^_]+)_', r'*\1*', s)
    s = re.sub(r'\s*\{(\d+[a-z])\}', r'[^s\1]', s)
    return s


def blocks(lines):
    res, cur = [], []
    for l in lines:
        if l.strip():
            cur.append(l.rstrip())
        elif cur:
            res.append(cur)
            cur = []
    if cur:
        res.append(cur)
    return res


def convert(lines):
    out = []
    for b in blocks(lines):
        ind = min(len(l) - len(l.lstrip()) for l in b)
        text = ' '.join(l.strip() for l in b)
        if len(b) == 1 and ind >= 20 and text.startswith('['):
            out.append('::: dateline\n%s\n:::' % inline(text))
        elif len(b) == 1 and (re.fullmatch(r'[IVX]+', text) or re.fullmatch(r'[IVX]+—[A-Z0-9 ,.]+', text)):
            out.append('## %s' % (text if '—' not in text else title_case(text).replace('Ii', 'II')))
        elif ind >= 4:
            if len(b) >= 2 and all(len(l.strip()) < 60 for l in b):
                out.append('\n'.join('> | ' + inline(l) for l in b))
            else:
                out.append('> ' + inline(text))
        else:
            out.append(inline(text))
    return '\n\n'.join(out)


def notes(all_lines):
    i = all_lines.index('Footnotes:')
    res = {}
    cur = None
    for l in all_lines[i + 1:]:
        m = re.match(r'\{(\d+[a-z])\}\s+(.*)', l)
        if m:
            cur = m.group(1)
            res[cur] = [m.group(2)]
        elif l.startswith('***') or l.startswith('End of'):
            break
        elif cur:
            res[cur].append(l)
    return {k: inline(' '.join(v)) for k, v in res.items()}


def main():
    path, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    lines = open(path, encoding='utf-8').read().replace('\r\n', '\n').split('\n')
    md = convert(lines[first - 1:last])
    print(md)
    if '--notes' in sys.argv:
        ns = notes(lines)
        for k in re.findall(r'\[\^s(\d+[a-z])\]', md):
            print('\n[^s%s]: %s' % (k, ns[k]))


if __name__ == '__main__':
    main()
