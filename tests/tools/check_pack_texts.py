"""Texts in more than one language (resources/packs/FORMAT.md, "Texts in more than one language"): a text field is
a string (English) or {"en": string, "de": string?}. Used by check_pack.py; Python 3 standard library only.

split() checks the shape of every text field (outside vignettes), keeps the other languages aside and returns the
pack with each text replaced by its English string, so the structural checks of check_pack.py read it as before.
check_templates() then checks every other-language explanation template (criterion explanations, per-state texts,
toxicity summaries) with the same placeholder rules, and that it names the same placeholders as the English one.
"""
import re

LANGUAGES = ('en', 'de')
# Keys whose value is a text, and keys whose value is a list of texts.
TEXT_KEYS = {'title', 'description', 'note', 'label', 'explanation', 'met', 'not_met', 'unknown', 'not_applicable',
             'name', 'diseases_studied', 'screening_note', 'population', 'summary', 'follow_up', 'text', 'doses'}
TEXT_LIST_KEYS = {'notes', 'centre_requirements', 'alternatives'}
TEMPLATE_RE = re.compile(r'\.explanation(_by_state\.[a-z_]+)?$|^\$\.toxicity\..*\.summary$')
PLACEHOLDER_RE = re.compile(r'\{\{|\}\}|\{([^{}]*)\}')


def _text(v, path, bad, others):
    """The English string of a text value; other languages go to `others` as (path, language, text, english)."""
    if not isinstance(v, dict):
        return v
    for lang, t in v.items():
        if lang not in LANGUAGES:
            bad('%s.%s' % (path, lang), 'unknown language %r (expected one of %s)' % (lang, ', '.join(LANGUAGES)))
        elif not isinstance(t, str):
            bad('%s.%s' % (path, lang), 'expected a string')
        elif lang != 'en' and not t.strip():
            bad('%s.%s' % (path, lang), 'empty text (leave the language out instead)')
    en = v.get('en')
    if not isinstance(en, str):
        bad(path + '.en', 'the English text "en" is required')
        return None
    for lang, t in v.items():
        if lang != 'en' and lang in LANGUAGES and isinstance(t, str):
            others.append((path, lang, t, en))
    return en


def _walk(node, path, bad, others):
    if isinstance(node, list):
        return [_walk(x, '%s[%d]' % (path, i), bad, others) for i, x in enumerate(node)]
    if not isinstance(node, dict):
        return node
    out = {}
    for k, v in node.items():
        q = '%s.%s' % (path, k)
        if k in TEXT_KEYS:
            out[k] = _text(v, q, bad, others) if isinstance(v, dict) else _walk(v, q, bad, others)
        elif k in TEXT_LIST_KEYS and isinstance(v, list):
            out[k] = [_text(x, '%s[%d]' % (q, i), bad, others) for i, x in enumerate(v)]
        else:
            out[k] = _walk(v, q, bad, others)
    return out


def split(pack, bad):
    """(the pack with English strings, [(path, language, text, english)]). Vignettes are left as they are."""
    others = []
    if not isinstance(pack, dict):
        return pack, others
    out = {}
    for k, v in pack.items():
        if k == 'vignettes':
            out[k] = v
        elif k in TEXT_KEYS:
            out[k] = _text(v, '$.' + k, bad, others)
        else:
            out[k] = _walk(v, '$.' + k, bad, others)
    return out, others


def _placeholders(s):
    return sorted({m.group(1).split('|', 1)[0].strip() for m in PLACEHOLDER_RE.finditer(s) if m.group(1) is not None})


def check_templates(others, d, check_template, bad):
    """Every other-language template: the same placeholder rules, the same placeholders as the English one."""
    n = 0
    for path, lang, text, en in others:
        if not TEMPLATE_RE.search(path):
            continue
        n += 1
        where = '%s.%s' % (path, lang)
        check_template(text, d, where)
        if _placeholders(text) != _placeholders(en):
            bad(where, 'placeholders %s differ from the English template\'s %s' % (_placeholders(text), _placeholders(en)))
    return n
