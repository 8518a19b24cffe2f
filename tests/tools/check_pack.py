#!/usr/bin/env python3
"""Sanity checker for Consilium rule packs (consilium-pack/1) and example cases (consilium-case/1).

Python 3 standard library only. Usage:

    check_pack.py [PACK.json] [--examples DIR] [--no-eval]

Checks (see resources/packs/FORMAT.md and resources/packs/consilium-reference.json):
  * strict JSON: duplicate keys, NaN/Infinity rejected;
  * closed objects: every key is one FORMAT.md lists, required keys present, basic types;
  * expressions (criteria, modifiers, toxicity show_when, logistics variants, derived when-expressions):
    identifiers are variables, derived values or `jurisdiction`; enum literals belong to the enum; unit literals
    are accepted units of the compared variable; numbers compare with numbers, booleans with true/false;
  * explanation placeholders {id} name variables or derived values;
  * criterion counts per arm (reference pack: 31/20/11/12 with the severities of its AUTO-*, ALLO-*, TCE-*, SOC-* criteria);
  * vignette and example fact keys are variables, values are valid (units, ranges, bare numbers, agents);
  * options (clinical/options-2026.2.md §C.0, §D): see check_pack_options.py;
  * texts in more than one language (string or {"en", "de"}): see check_pack_texts.py;
  * an independent re-implementation of the evaluation (derived values, Kleene logic, verdicts, missing inputs)
    reproduces every vignette's expected block (disable with --no-eval).
Exit status 0 when clean, 1 when any problem was found.
"""
import calendar
import datetime as dt
import json
import math
import os
import re
import sys

import check_pack_options as options
import check_pack_texts as texts

PROBLEMS = []


def bad(path, msg):
    PROBLEMS.append('%s: %s' % (path, msg))


# ---------------------------------------------------------------- strict JSON
class DupKey(Exception):
    pass


def _pairs(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise DupKey('duplicate key %r' % k)
        d[k] = v
    return d


def _const(name):
    raise ValueError('non-finite number %s' % name)


def load_json(path):
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        return json.loads(raw.decode('utf-8'), object_pairs_hook=_pairs, parse_constant=_const)
    except (DupKey, ValueError) as e:
        bad(path, 'JSON error: %s' % e)
        return None


# ---------------------------------------------------------------- schema (closed objects)
STR, NUM, INT, BOOL, LIST, OBJ = 'string', 'number', 'integer', 'bool', 'list', 'object'
EVIDENCE_RE = re.compile(r'^(V2?|C|B|NF|—)( \([^)]*\))?(( / | \+ )(V2?|C|B|NF|—)( \([^)]*\))?)*$')


def is_type(v, t):
    if t == STR:
        return isinstance(v, str)
    if t == BOOL:
        return isinstance(v, bool)
    if t == INT:
        return isinstance(v, int) and not isinstance(v, bool)
    if t == NUM:
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if t == LIST:
        return isinstance(v, list)
    if t == OBJ:
        return isinstance(v, dict)
    if t == 'null':
        return v is None
    if t == 'date':
        return isinstance(v, str) and parse_date(v) is not None
    raise AssertionError(t)


def closed(obj, path, required, optional=()):
    """required/optional: dict key -> type (or tuple of alternative types)."""
    if not isinstance(obj, dict):
        bad(path, 'expected an object')
        return False
    allowed = dict(required)
    allowed.update(dict(optional))
    for k in obj:
        if k not in allowed:
            bad(path, 'unknown key %r' % k)
    for k, t in required.items():
        if k not in obj:
            bad(path, 'missing key %r' % k)
    for k, t in allowed.items():
        if k in obj:
            ts = t if isinstance(t, tuple) else (t,)
            if not any(is_type(obj[k], x) for x in ts):
                bad('%s.%s' % (path, k), 'expected %s' % ' or '.join(ts))
    return True


def check_evidence(v, path):
    if isinstance(v, str) and not EVIDENCE_RE.match(v):
        bad(path, 'evidence %r is not a combination of V, V2, C, B, NF, —' % v)


def parse_date(s):
    if not isinstance(s, str) or not re.fullmatch(r'\d{4}-\d{2}-\d{2}', s):
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


# ---------------------------------------------------------------- expression language
TOKEN_RE = re.compile(r'\s*(?:(?P<num>-?\d+(?:\.\d+)?)|(?P<str>"[^"]*")|(?P<op><=|>=|==|!=|<|>)|'
                      r'(?P<punct>[()\[\],])|(?P<word>[A-Za-z_][A-Za-z0-9_]*))')
UNIT_RE = re.compile(r'[ \t]*(?P<unit>[^\s(),\[\]]+)')
KEYWORDS = {'and', 'or', 'not', 'in', 'true', 'false'}


class ExprError(Exception):
    def __init__(self, col, msg):
        Exception.__init__(self, 'column %d: %s' % (col + 1, msg))


def tokenize(s):
    toks, i = [], 0
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            break
        m = TOKEN_RE.match(s, i)
        if not m or m.end() == i:
            raise ExprError(i, 'unexpected character %r' % s[i])
        col = m.start(m.lastgroup)
        kind = m.lastgroup
        text = m.group(kind)
        i = m.end()
        if kind == 'num':
            toks.append(('num', text, col))
            # optional unit right after a number
            m2 = UNIT_RE.match(s, i)
            if m2:
                u = m2.group('unit')
                if u not in KEYWORDS and not re.match(r'^(<|>|=|!)', u):
                    toks.append(('unit', u, m2.start('unit')))
                    i = m2.end()
        elif kind == 'word' and text in KEYWORDS:
            toks.append(('kw', text, col))
        else:
            toks.append((kind, text, col))
    toks.append(('end', '', len(s)))
    return toks


class Parser:
    """AST nodes: ('or', a, b) ('and', a, b) ('not', a) ('cmp', op, l, r) ('in', neg, l, [lits])
    ('id', name, col) ('num', value, unit, col) ('str', value, col) ('bool', value, col)"""

    def __init__(self, s):
        self.t = tokenize(s)
        self.i = 0

    def peek(self):
        return self.t[self.i]

    def take(self):
        tok = self.t[self.i]
        self.i += 1
        return tok

    def parse(self):
        e = self.or_()
        if self.peek()[0] != 'end':
            raise ExprError(self.peek()[2], 'unexpected %r' % self.peek()[1])
        return e

    def or_(self):
        e = self.and_()
        while self.peek() == ('kw', 'or', self.peek()[2]):
            self.take()
            e = ('or', e, self.and_())
        return e

    def and_(self):
        e = self.not_()
        while self.peek() == ('kw', 'and', self.peek()[2]):
            self.take()
            e = ('and', e, self.not_())
        return e

    def not_(self):
        if self.peek() == ('kw', 'not', self.peek()[2]):
            # "not in" only after an operand; here it is a prefix not
            self.take()
            return ('not', self.not_())
        return self.cmp()

    def cmp(self):
        left = self.operand()
        k, v, c = self.peek()
        if k == 'op':
            self.take()
            return ('cmp', v, left, self.operand(), c)
        if (k, v) == ('kw', 'in'):
            self.take()
            return ('in', False, left, self.lst(), c)
        if (k, v) == ('kw', 'not') and self.t[self.i + 1][:2] == ('kw', 'in'):
            self.take()
            self.take()
            return ('in', True, left, self.lst(), c)
        return left

    def lst(self):
        k, v, c = self.take()
        if (k, v) != ('punct', '['):
            raise ExprError(c, 'expected [')
        items = [self.literal()]
        while self.peek()[:2] == ('punct', ','):
            self.take()
            items.append(self.literal())
        k, v, c = self.take()
        if (k, v) != ('punct', ']'):
            raise ExprError(c, 'expected ]')
        return items

    def literal(self):
        k, v, c = self.peek()
        if k in ('num', 'str') or (k == 'kw' and v in ('true', 'false')):
            return self.operand()
        raise ExprError(c, 'expected a literal')

    def operand(self):
        k, v, c = self.take()
        if k == 'word':
            return ('id', v, c)
        if k == 'num':
            unit = None
            if self.peek()[0] == 'unit':
                unit = self.take()[1]
            return ('num', float(v), unit, c)
        if k == 'str':
            return ('str', v[1:-1], c)
        if k == 'kw' and v in ('true', 'false'):
            return ('bool', v == 'true', c)
        if (k, v) == ('punct', '('):
            e = self.or_()
            k2, v2, c2 = self.take()
            if (k2, v2) != ('punct', ')'):
                raise ExprError(c2, 'expected )')
            return ('paren', e)
        raise ExprError(c, 'unexpected %r' % v)


def norm_unit(u):
    return u.replace('µ', 'u').replace('μ', 'u').replace('⁹', '^9')


class Dictionary:
    def __init__(self, pack):
        self.vars = {v['id']: v for v in pack.get('variables', []) if isinstance(v, dict) and 'id' in v}
        self.derived = {}
        for d in pack.get('derived', []):
            if not isinstance(d, dict) or 'id' not in d:
                continue
            self.derived[d['id']] = d
            cat = (d.get('params') or {}).get('category')
            if d.get('formula') == 'points_score' and isinstance(cat, dict) and isinstance(cat.get('value'), dict):
                cv = cat['value']
                self.derived[cv.get('id')] = {'id': cv.get('id'), 'type': 'enum', 'values': cv.get('values', []),
                                              'formula': '_category', '_of': d['id']}
        self.jurisdictions = pack.get('jurisdictions', [])

    def kind(self, name):
        """returns (type, unit, values, accepted-units or None)"""
        if name == 'jurisdiction':
            return ('enum', None, self.jurisdictions, None)
        v = self.vars.get(name) or self.derived.get(name)
        if v is None:
            return None
        t = v.get('type')
        if t == 'integer':
            t = 'number'
        units = None
        if name in self.vars:
            units = {norm_unit(u['unit']): u for u in v.get('units', []) if isinstance(u, dict) and 'unit' in u}
        return (t, v.get('unit'), v.get('values'), units)

    def known(self, name):
        return name == 'jurisdiction' or name in self.vars or name in self.derived


def type_check(node, d, where, idents):
    """returns the static type of node: 'bool', 'number', 'enum:<id>', 'string', 'date'."""
    tag = node[0]
    if tag == 'paren':
        t = type_check(node[1], d, where, idents)
        if t != 'bool':
            raise ExprError(0, 'parenthesised expression must be boolean')
        return 'bool'
    if tag in ('or', 'and'):
        for sub in node[1:]:
            if type_check(sub, d, where, idents) != 'bool':
                raise ExprError(sub_col(sub), "operands of '%s' must be boolean" % tag)
        return 'bool'
    if tag == 'not':
        if type_check(node[1], d, where, idents) != 'bool':
            raise ExprError(sub_col(node[1]), "operand of 'not' must be boolean")
        return 'bool'
    if tag == 'id':
        k = d.kind(node[1])
        if k is None:
            raise ExprError(node[2], 'unknown identifier %r' % node[1])
        idents.add(node[1])
        return {'bool': 'bool', 'number': 'number', 'enum': 'enum:' + node[1], 'date': 'date'}[k[0]]
    if tag == 'num':
        return 'numlit'
    if tag == 'str':
        return 'strlit'
    if tag == 'bool':
        return 'boollit'
    if tag == 'in':
        _, neg, left, items, col = node
        lt = type_check(left, d, where, idents)
        if not lt.startswith('enum:'):
            raise ExprError(col, "'in' needs an enum identifier on the left")
        values = d.kind(left[1])[2] or []
        for it in items:
            if it[0] != 'str':
                raise ExprError(it[-1], 'enum lists hold string literals only')
            if it[1] not in values:
                raise ExprError(it[-1], '%r is not a value of %s %s' % (it[1], left[1], values))
        return 'bool'
    if tag == 'cmp':
        _, op, l, r, col = node
        lt = type_check(l, d, where, idents)
        rt = type_check(r, d, where, idents)
        if lt in ('numlit', 'strlit', 'boollit') and rt not in ('numlit', 'strlit', 'boollit'):
            l, r, lt, rt = r, l, rt, lt
        if lt == 'number':
            if rt == 'numlit':
                if r[2] is not None:
                    k = d.kind(l[1])
                    units = k[3]
                    if units is None:
                        raise ExprError(r[3], 'unit literal compared with derived value %r' % l[1])
                    if norm_unit(r[2]) not in units:
                        raise ExprError(r[3], 'unit %r is not accepted by %s (accepted: %s)'
                                        % (r[2], l[1], ', '.join(sorted(units))))
                return 'bool'
            if rt == 'number':
                if d.kind(l[1])[1] != d.kind(r[1])[1]:
                    raise ExprError(col, '%s and %s have different canonical units' % (l[1], r[1]))
                return 'bool'
            raise ExprError(col, 'number compared with %s' % rt)
        if lt.startswith('enum:'):
            if op not in ('==', '!='):
                raise ExprError(col, 'enums compare with == or != only')
            if rt != 'strlit':
                raise ExprError(col, 'enum %s compared with %s' % (l[1], rt))
            values = d.kind(l[1])[2] or []
            if r[1] not in values:
                raise ExprError(r[2], '%r is not a value of %s %s' % (r[1], l[1], values))
            return 'bool'
        if lt == 'bool':
            if op not in ('==', '!=') or rt != 'boollit':
                raise ExprError(col, 'booleans compare with == true / == false only')
            return 'bool'
        raise ExprError(col, 'cannot compare %s with %s' % (lt, rt))
    raise AssertionError(tag)


def sub_col(n):
    for x in reversed(n):
        if isinstance(x, int) and not isinstance(x, bool):
            return x
    return 0


def check_expr(s, d, where):
    """parse + type-check; returns (ast, identifiers) or (None, set())."""
    if not isinstance(s, str):
        bad(where, 'expression must be a string')
        return None, set()
    idents = set()
    try:
        ast = Parser(s).parse()
        t = type_check(ast, d, where, idents)
        if t != 'bool':
            raise ExprError(0, 'expression must be boolean (got %s)' % t)
    except ExprError as e:
        bad(where, '%s in %r' % (e, s))
        return None, set()
    return ast, idents


PLACEHOLDER_RE = re.compile(r'\{\{|\}\}|\{([^{}]*)\}')


def check_template(s, d, where):
    if not isinstance(s, str):
        return
    for m in PLACEHOLDER_RE.finditer(s):
        name = m.group(1)
        if name is None:
            continue
        name = name.split('|', 1)[0].strip()  # {id|unit}: the unit is display text
        if name not in d.vars and name not in d.derived:
            bad(where, 'placeholder {%s} is not a variable or derived value' % name)
    stripped = PLACEHOLDER_RE.sub('', s)
    if '{' in stripped or '}' in stripped:
        bad(where, 'unbalanced brace in template')
    if '**' in s or '`' in s:
        bad(where, 'markdown left in text')


# ---------------------------------------------------------------- pack structure
ARM_IDS = ['autologous_car_t', 'allogeneic_car_t', 'bispecific_tce', 'standard_care']
GROUPS = {'demographics', 'disease', 'organ_function', 'labs', 'serology', 'history', 'logistics'}
FORMULAS = {
    'ckd_epi_2021': ({'creatinine', 'age', 'sex'}, set(), 'number'),
    'cockcroft_gault': ({'creatinine', 'age', 'sex', 'weight'}, set(), 'number'),
    'bands': (set(), {'bands'}, 'number'),
    'easix': ({'ldh', 'creatinine', 'platelets'}, {'cutoff'}, 'number'),
    'm_easix': ({'ldh', 'crp', 'platelets'}, set(), 'number'),
    'points_score': (set(), {'components', 'category'}, 'integer'),
    'prednisone_equivalent': (set(), {'reference_mg', 'window_days'}, 'number'),
    'leukapheresis_washout': ({'prednisone_equivalent'}, {'gc_above_mg', 'gc_days'}, 'date'),
    'tce_washout': ({'prednisone_equivalent'}, {'gc_at_least_mg', 'gc_days', 'stop_before_days'}, 'date'),
    'on_or_before_as_of': ({'date'}, set(), 'bool'),
    'failed_lines': (set(), set(), 'integer'),
    'on_agent': (set(), {'agent'}, 'bool'),
}
EXPECTED_COUNTS = {  # reference pack `criteria` (AUTO-*, ALLO-*, TCE-*, SOC-* ids)
    ('autologous_car_t', None): {'exclusion': 20, 'caution': 11},
    ('allogeneic_car_t', None): {'exclusion': 16, 'caution': 4},
    ('bispecific_tce', None): {'exclusion': 5, 'caution': 5, 'info': 1},
    ('standard_care', None): {'caution': 1, 'info': 2},
    ('standard_care', 'ahsct'): {'exclusion': 6, 'caution': 3},
}


def check_codes(pack):
    """Codes for exchange (FORMAT.md "Codes for exchange"): closed entries with source and evidence,
    references to the pack's variables, derived values, agents and disease values, no code twice."""
    codes = pack.get('codes')
    if codes is None or not closed(codes, '$.codes', {}, {'ucum': LIST, 'observations': LIST, 'agents': LIST,
                                                           'diseases': LIST}):
        return
    variables = {v.get('id'): v for v in pack['variables'] if isinstance(v, dict)}
    derived = {x.get('id') for x in pack['derived'] if isinstance(x, dict)}
    agents = {a.get('id') for c in pack['drug_classes'] if isinstance(c, dict)
              for a in c.get('agents', []) if isinstance(a, dict)}
    diseases = set(variables.get('disease', {}).get('values', []))
    all_units = {norm_unit(u.get('unit', '')) for v in variables.values() for u in v.get('units', []) if isinstance(u, dict)}
    kinds = (('ucum', {'ucum': STR, 'unit': STR}, {}),
             ('observations', {'system': STR, 'code': STR}, {'variable': STR, 'derived': STR, 'uln_unit': STR, 'units': LIST}),
             ('agents', {'system': STR, 'code': STR, 'agent': STR}, {}),
             ('diseases', {'system': STR, 'code': STR, 'disease': STR}, {}))
    seen = {}
    for kind, req, opt in kinds:
        for i, e in enumerate(codes.get(kind, [])):
            q = '$.codes.%s[%d]' % (kind, i)
            if not closed(e, q, dict(req, source=STR, evidence=STR), opt):
                continue
            check_evidence(e.get('evidence'), q + '.evidence')
            if not str(e.get('source', '')).strip():
                bad(q + '.source', 'empty source')
            key = (kind, e.get('ucum') if kind == 'ucum' else (e.get('system'), e.get('code')))
            if key in seen:
                bad(q, 'mapped twice (also %s)' % seen[key])
            seen.setdefault(key, q)
            if kind == 'ucum' and norm_unit(e.get('unit', '')) not in all_units:
                bad(q + '.unit', 'no variable accepts unit %r' % e.get('unit'))
            elif kind == 'observations':
                if ('variable' in e) == ('derived' in e):
                    bad(q, 'exactly one of variable or derived')
                elif 'derived' in e and e['derived'] not in derived:
                    bad(q + '.derived', 'unknown derived value')
                elif 'variable' in e:
                    v = variables.get(e['variable'])
                    if not v or v.get('type') not in ('number', 'integer'):
                        bad(q + '.variable', 'not a number or integer variable')
                    elif 'uln_unit' in e and norm_unit(e['uln_unit']) not in {
                            norm_unit(u.get('unit', '')) for u in v.get('units', [])}:
                        bad(q + '.uln_unit', 'not a unit of the variable')
                    elif 'units' in e and ('uln_unit' in e or not e['units'] or len(set(e['units'])) != len(e['units'])
                                        or not {norm_unit(u) for u in e['units'] if isinstance(u, str)}
                                        <= {norm_unit(u.get('unit', '')) for u in v.get('units', [])}):
                        bad(q + '.units', 'not distinct units of the variable (or beside uln_unit)')
            elif kind == 'agents' and e.get('agent') not in agents:
                bad(q + '.agent', 'unknown agent')
            elif kind == 'diseases' and e.get('disease') not in diseases:
                bad(q + '.disease', 'not a value of disease')


def check_pack(pack, path):
    if not closed(pack, '$', {
            'format': STR, 'id': STR, 'version': STR, 'title': STR, 'effective_from': 'date',
            'effective_to': ('date', 'null'), 'jurisdictions': LIST, 'authors': LIST, 'sign_off': OBJ,
            'arms': LIST, 'variables': LIST, 'drug_classes': LIST, 'derived': LIST, 'criteria': LIST,
            'logistics': OBJ, 'toxicity': OBJ, 'modifiers': LIST, 'vignettes': LIST},
            {'description': STR, 'options': LIST, 'codes': OBJ}):
        return None
    if pack['format'] != 'consilium-pack/1':
        bad('$.format', 'must be consilium-pack/1')
    if not re.fullmatch(r'[a-z0-9][a-z0-9._-]*', pack.get('id', '')):
        bad('$.id', 'bad pack id')
    closed(pack['sign_off'], '$.sign_off', {'status': STR, 'note': STR})
    if pack['sign_off'].get('status') not in ('unreviewed', 'reviewed', 'approved'):
        bad('$.sign_off.status', 'bad status')

    # arms
    ids = []
    for i, a in enumerate(pack['arms']):
        p = '$.arms[%d]' % i
        closed(a, p, {'id': STR, 'label': STR}, {'sub_options': LIST})
        ids.append(a.get('id'))
        for j, s in enumerate(a.get('sub_options', [])):
            closed(s, '%s.sub_options[%d]' % (p, j), {'id': STR, 'label': STR}, {'option': STR})
        if 'sub_options' in a and a.get('id') != 'standard_care':
            bad(p, 'only standard_care may have sub-options')
    if ids != ARM_IDS:
        bad('$.arms', 'arm ids must be %s in this order, got %s' % (ARM_IDS, ids))
    sub_ids = {s['id'] for a in pack['arms'] if isinstance(a, dict) for s in a.get('sub_options', [])
               if isinstance(s, dict) and 'id' in s}

    # variables
    seen = set()
    for i, v in enumerate(pack['variables']):
        p = '$.variables[%d]' % i
        closed(v, p, {'id': STR, 'label': STR, 'group': STR, 'type': STR},
               {'unit': STR, 'units': LIST, 'bare_number': BOOL, 'range': LIST, 'decimals': INT,
                'values': LIST, 'note': STR, 'default_unit': OBJ})
        vid = v.get('id', '')
        if not re.fullmatch(r'[a-z][a-z0-9_]*', vid):
            bad(p + '.id', 'bad identifier %r' % vid)
        if vid in seen:
            bad(p + '.id', 'duplicate variable %r' % vid)
        seen.add(vid)
        if v.get('group') not in GROUPS:
            bad(p + '.group', 'unknown group %r' % v.get('group'))
        t = v.get('type')
        if t not in ('number', 'integer', 'bool', 'enum'):
            bad(p + '.type', 'bad type %r' % t)
        if t in ('number', 'integer'):
            if 'unit' not in v:
                bad(p, 'numeric variable needs a unit')
            if 'values' in v:
                bad(p, 'values only for enums')
            us = set()
            for j, u in enumerate(v.get('units', [])):
                q = '%s.units[%d]' % (p, j)
                closed(u, q, {'unit': STR}, {'multiply': NUM, 'divide': NUM, 'source': STR, 'evidence': STR})
                if ('multiply' in u) == ('divide' in u):
                    bad(q, 'exactly one of multiply/divide')
                f = u.get('multiply', u.get('divide'))
                if isinstance(f, (int, float)) and f <= 0:
                    bad(q, 'factor must be positive')
                if ('source' in u) != ('evidence' in u):
                    bad(q, 'source and evidence go together')
                if f not in (None, 1) and 'source' not in u:
                    bad(q, 'non-trivial conversion without source/evidence')
                check_evidence(u.get('evidence'), q + '.evidence')
                nu = norm_unit(u.get('unit', ''))
                if nu in us:
                    bad(q, 'duplicate unit %r' % u.get('unit'))
                us.add(nu)
            for j, u in (v.get('default_unit') or {}).items():
                if j not in pack.get('jurisdictions', []):
                    bad(p + '.default_unit', 'unknown jurisdiction %r' % j)
                if not isinstance(u, str) or norm_unit(u) not in us:
                    bad(p + '.default_unit', '%r is not an accepted unit' % (u,))
            r = v.get('range')
            if r is not None and not (len(r) == 2 and all(is_type(x, NUM) for x in r) and r[0] <= r[1]):
                bad(p + '.range', 'range must be [lo, hi]')
        else:
            for k in ('unit', 'units', 'bare_number', 'range', 'decimals', 'default_unit'):
                if k in v:
                    bad(p, '%r only for numeric variables' % k)
            if t == 'enum':
                vals = v.get('values')
                if not vals or len(vals) > 64 or len(set(vals)) != len(vals) or not all(isinstance(x, str) for x in vals):
                    bad(p + '.values', 'enum needs 1–64 distinct string values')
            elif 'values' in v:
                bad(p, 'values only for enums')

    # drug classes
    agents = {}
    for i, c in enumerate(pack['drug_classes']):
        p = '$.drug_classes[%d]' % i
        closed(c, p, {'id': STR, 'label': STR, 'kind': STR, 'washout': (OBJ, 'null'), 'counts_as_line': BOOL,
                      'bispecific': STR, 'agents': LIST, 'source': STR, 'evidence': STR}, {'note': STR})
        check_evidence(c.get('evidence'), p + '.evidence')
        if c.get('kind') not in ('glucocorticoid', 'none', 'immunosuppressant', 'not_listed'):
            bad(p + '.kind', 'bad kind')
        if c.get('bispecific') not in ('none', 'glucocorticoid', 'stop_before', 'ignored'):
            bad(p + '.bispecific', 'bad bispecific rule')
        w = c.get('washout')
        if isinstance(w, dict):
            if len(w) != 1 or not (is_type(w.get('days'), INT) or is_type(w.get('months'), INT)):
                bad(p + '.washout', 'washout must be {"days": N} or {"months": N}')
        for j, a in enumerate(c.get('agents', [])):
            q = '%s.agents[%d]' % (p, j)
            closed(a, q, {'id': STR, 'label': STR}, {'prednisone_equivalent_mg': NUM})
            if a.get('id') in agents:
                bad(q, 'agent %r listed twice' % a.get('id'))
            agents[a.get('id')] = c
            if c.get('kind') == 'glucocorticoid' and 'prednisone_equivalent_mg' not in a:
                bad(q, 'glucocorticoid without prednisone_equivalent_mg')
            if c.get('kind') != 'glucocorticoid' and 'prednisone_equivalent_mg' in a:
                bad(q, 'prednisone_equivalent_mg outside the glucocorticoid class')

    d = Dictionary(pack)

    # derived
    order = []
    applicability = []  # (expression, path), checked once every derived value is known
    for i, dv in enumerate(pack['derived']):
        p = '$.derived[%d]' % i
        closed(dv, p, {'id': STR, 'label': STR, 'formula': STR, 'type': STR, 'citation': STR},
               {'unit': STR, 'decimals': INT, 'values': LIST, 'inputs': OBJ, 'params': OBJ, 'note': STR,
                'applicability': OBJ})
        did = dv.get('id', '')
        if isinstance(dv.get('applicability'), dict):
            ap = dv['applicability']
            closed(ap, p + '.applicability', {'note': STR}, {'when': STR})
            if isinstance(ap.get('note'), str) and not ap['note'].strip():
                bad(p + '.applicability.note', 'empty note')
            if 'when' in ap:
                applicability.append((ap.get('when'), p + '.applicability.when'))
        if did in d.vars:
            bad(p + '.id', '%r is also a variable' % did)
        if did in order:
            bad(p + '.id', 'duplicate derived %r' % did)
        f = FORMULAS.get(dv.get('formula'))
        if f is None:
            bad(p + '.formula', 'unknown formula %r' % dv.get('formula'))
            continue
        roles, params, rtype = f
        if dv.get('type') != rtype:
            bad(p + '.type', 'formula %s returns %s' % (dv.get('formula'), rtype))
        got_roles = set((dv.get('inputs') or {}).keys())
        if got_roles != roles:
            bad(p + '.inputs', 'roles %s, expected %s' % (sorted(got_roles), sorted(roles)))
        for role, ref in (dv.get('inputs') or {}).items():
            if ref not in d.vars and ref not in order:
                bad('%s.inputs.%s' % (p, role), '%r is not a variable or an earlier derived value' % ref)
        got_params = set((dv.get('params') or {}).keys())
        if got_params != params:
            bad(p + '.params', 'params %s, expected %s' % (sorted(got_params), sorted(params)))
        for k, pv in (dv.get('params') or {}).items():
            q = '%s.params.%s' % (p, k)
            if dv.get('formula') == 'on_agent':
                if not isinstance(pv, str) or pv not in agents:
                    bad(q, 'agent must be a plain string naming a known agent')
                continue
            closed(pv, q, {'value': (NUM, LIST, OBJ), 'source': STR, 'evidence': STR})
            check_evidence(pv.get('evidence') if isinstance(pv, dict) else None, q + '.evidence')
        params_v = {k: (v.get('value') if isinstance(v, dict) else v) for k, v in (dv.get('params') or {}).items()}
        deps = set()
        if dv.get('formula') == 'bands':
            for j, b in enumerate(params_v.get('bands') or []):
                q = '%s.params.bands.value[%d]' % (p, j)
                closed(b, q, {'when': STR, 'value': NUM})
                _, ids_ = check_expr(b.get('when'), d, q + '.when')
                deps |= ids_
        if dv.get('formula') == 'points_score':
            for j, comp in enumerate(params_v.get('components') or []):
                q = '%s.params.components.value[%d]' % (p, j)
                closed(comp, q, {'input': STR, 'points': LIST})
                if comp.get('input') not in d.vars:
                    bad(q + '.input', 'unknown input %r' % comp.get('input'))
                for k2, pt in enumerate(comp.get('points', [])):
                    q2 = '%s.points[%d]' % (q, k2)
                    closed(pt, q2, {'when': STR, 'points': INT})
                    _, ids_ = check_expr(pt.get('when'), d, q2 + '.when')
                    deps |= ids_
            cat = params_v.get('category')
            closed(cat, p + '.params.category.value', {'id': STR, 'label': STR, 'values': LIST, 'high_at': INT})
        for dep in deps:
            if dep in d.derived and dep not in order:
                bad(p, 'when-expression uses %r, which is not computed earlier (cycle or order)' % dep)
        if dv.get('decimals') is not None and dv['type'] not in ('number', 'integer'):
            bad(p + '.decimals', 'decimals only for numbers')
        order.append(did)
        if dv.get('formula') == 'points_score' and isinstance(params_v.get('category'), dict):
            order.append(params_v['category'].get('id'))
    for expr, where in applicability:
        check_expr(expr, d, where)

    # criteria (an option that is a sub-option's alias counts as that sub-option, options-2026.2.md §C.4.1)
    alias = {s['option']: s['id'] for a in pack['arms'] if isinstance(a, dict) for s in a.get('sub_options', [])
             if isinstance(s, dict) and 'option' in s}
    counts = {}
    crit_ids = set()
    for i, c in enumerate(pack['criteria']):
        p = '$.criteria[%d]' % i
        closed(c, p, {'id': STR, 'arm': STR, 'severity': STR, 'condition': STR, 'explanation': STR,
                      'source': STR, 'evidence': STR}, {'sub_option': STR, 'option': STR, 'applies_when': STR,
                                                         'explanation_by_state': OBJ})
        if c.get('id') in crit_ids:
            bad(p + '.id', 'duplicate criterion %r' % c.get('id'))
        crit_ids.add(c.get('id'))
        if c.get('arm') not in ARM_IDS:
            bad(p + '.arm', 'unknown arm')
        if 'sub_option' in c and (c.get('arm') != 'standard_care' or c['sub_option'] not in sub_ids):
            bad(p + '.sub_option', 'bad sub-option')
        if c.get('severity') not in ('exclusion', 'caution', 'info'):
            bad(p + '.severity', 'bad severity')
        check_evidence(c.get('evidence'), p + '.evidence')
        if 'applies_when' in c:
            check_expr(c['applies_when'], d, p + '.applies_when')
        check_expr(c.get('condition'), d, p + '.condition')
        check_template(c.get('explanation'), d, p + '.explanation')
        by_state = c.get('explanation_by_state')
        if isinstance(by_state, dict):
            closed(by_state, p + '.explanation_by_state', {},
                   {'met': STR, 'not_met': STR, 'unknown': STR, 'not_applicable': STR})
            for state, text in by_state.items():
                check_template(text, d, '%s.explanation_by_state.%s' % (p, state))
        key = (c.get('arm'), c.get('sub_option') or alias.get(c.get('option'), c.get('option')))
        counts.setdefault(key, {}).setdefault(c.get('severity'), 0)
        counts[key][c.get('severity')] += 1
    if pack.get('id') == 'consilium-reference':
        for key, exp in EXPECTED_COUNTS.items():
            if counts.get(key, {}) != exp:
                bad('$.criteria', 'counts for %s: %s, expected %s' % ('/'.join(x for x in key if x), counts.get(key), exp))
        if any(c.get('severity') == 'exclusion' and c.get('arm') == 'standard_care' and 'sub_option' not in c
               and 'option' not in c for c in pack['criteria']):
            bad('$.criteria', 'standard_care must have no exclusion criteria (reference-rules §0.4)')

    # logistics
    if set(pack['logistics']) != set(ARM_IDS):
        bad('$.logistics', 'one template per arm')
    date_derived = {k for k, v in d.derived.items() if v.get('type') == 'date'}
    for arm, lg in pack['logistics'].items():
        p = '$.logistics.' + arm
        closed(lg, p, {'earliest_start': STR, 'phases': LIST, 'inpatient_days': OBJ, 'caregiver_required': OBJ,
                       'long_term_follow_up_years': OBJ, 'centre_requirements': LIST, 'notes': LIST},
               {'parameters': OBJ, 'points': OBJ, 'time_to_treatment': STR, 'variants': LIST})
        if lg.get('earliest_start') != 'as_of' and lg.get('earliest_start') not in date_derived:
            bad(p + '.earliest_start', 'must be as_of or a date-typed derived value')
        params = lg.get('parameters', {})
        for k, pv in params.items():
            closed(pv, '%s.parameters.%s' % (p, k), {'value': NUM, 'source': STR, 'evidence': STR}, {'note': STR})
        points = []

        def offset(o, q, refs):
            if not closed(o, q, {'from': STR}, {'days': (INT, OBJ), 'months': INT, 'min': INT}):
                return
            if o.get('from') not in refs:
                bad(q + '.from', '%r is not as_of, a date-typed derived value or an earlier point' % o.get('from'))
            dd = o.get('days')
            if isinstance(dd, dict):
                if set(dd) == {'param'}:
                    if dd['param'] not in params:
                        bad(q + '.days', 'unknown parameter %r' % dd['param'])
                elif set(dd) != set(pack['jurisdictions']) or not all(is_type(x, INT) for x in dd.values()):
                    bad(q + '.days', 'per-jurisdiction days need exactly %s' % pack['jurisdictions'])

        refs = {'as_of'} | date_derived
        for name, o in (lg.get('points') or {}).items():
            offset(o, '%s.points.%s' % (p, name), refs)
            refs = refs | {name}
            points.append(name)
        if 'time_to_treatment' in lg and lg['time_to_treatment'] not in points:
            bad(p + '.time_to_treatment', 'not a point')

        def phases(lst, q):
            for j, ph in enumerate(lst):
                qq = '%s[%d]' % (q, j)
                closed(ph, qq, {'phase': STR, 'start': OBJ, 'end': (OBJ, 'null'), 'note': STR, 'evidence': STR},
                       {'omit_if_empty': BOOL})
                check_evidence(ph.get('evidence'), qq + '.evidence')
                offset(ph.get('start'), qq + '.start', refs)
                if ph.get('end') is not None:
                    offset(ph.get('end'), qq + '.end', refs)

        phases(lg.get('phases', []), p + '.phases')
        for j, var in enumerate(lg.get('variants', [])):
            q = '%s.variants[%d]' % (p, j)
            closed(var, q, {'when': STR, 'label': STR, 'phases': LIST}, {'note': STR})
            check_expr(var.get('when'), d, q + '.when')
            phases(var.get('phases', []), q + '.phases')
        for k in ('inpatient_days', 'caregiver_required', 'long_term_follow_up_years'):
            fct = lg.get(k)
            q = '%s.%s' % (p, k)
            closed(fct, q, {'value': (NUM, BOOL, 'null'), 'source': STR, 'evidence': STR}, {'note': STR})
            if isinstance(fct, dict):
                check_evidence(fct.get('evidence'), q + '.evidence')
        for k in ('centre_requirements', 'notes'):
            if not all(isinstance(x, str) for x in lg.get(k, [])):
                bad('%s.%s' % (p, k), 'strings only')

    # toxicity
    if set(pack['toxicity']) - set(ARM_IDS):
        bad('$.toxicity', 'unknown arm')
    for arm, lst in pack['toxicity'].items():
        for j, e in enumerate(lst):
            q = '$.toxicity.%s[%d]' % (arm, j)
            closed(e, q, {'risk': STR, 'kind': STR, 'population': STR, 'summary': STR, 'source': STR, 'evidence': STR},
                   {'any_grade_percent': NUM, 'grade3plus_percent': NUM, 'events': INT, 'n': INT, 'follow_up': STR,
                    'sub_option': STR, 'option': STR, 'show_when': STR})
            check_evidence(e.get('evidence'), q + '.evidence')
            if e.get('kind') not in ('aid_cohort', 'oncology_reference', 'label', 'not_found', 'not_applicable'):
                bad(q + '.kind', 'bad kind')
            has_rate = 'any_grade_percent' in e or 'grade3plus_percent' in e
            if e.get('kind') == 'aid_cohort' and has_rate and not ('events' in e and 'n' in e):
                bad(q, 'aid_cohort rates need events and n')
            if e.get('kind') == 'not_found' and has_rate:
                bad(q, 'not_found entry with a rate')
            if 'events' in e and 'n' in e and e['n'] > 0 and has_rate:
                r = round(100.0 * e['events'] / e['n'], 1)
                if r not in (e.get('any_grade_percent'), e.get('grade3plus_percent')):
                    bad(q, 'no rate matches events/n = %s%%' % r)
            if 'events' in e and 'n' in e and e['events'] > e['n']:
                bad(q, 'events > n')
            for k in ('any_grade_percent', 'grade3plus_percent'):
                if k in e and not 0 <= e[k] <= 100:
                    bad(q + '.' + k, 'percent out of range')
            if 'sub_option' in e and (arm != 'standard_care' or e['sub_option'] not in sub_ids):
                bad(q + '.sub_option', 'bad sub-option')
            if 'show_when' in e:
                check_expr(e['show_when'], d, q + '.show_when')
            check_template(e.get('summary'), d, q + '.summary')

    check_codes(pack)

    # options
    opts = options.check_options(options.Ctx(bad, closed, check_evidence, is_type, pack['jurisdictions']), pack)

    # modifiers
    mids = set()
    for j, m in enumerate(pack['modifiers']):
        q = '$.modifiers[%d]' % j
        closed(m, q, {'id': STR, 'label': STR, 'when': STR, 'arms': LIST, 'text': STR, 'source': STR, 'evidence': STR})
        check_evidence(m.get('evidence'), q + '.evidence')
        if m.get('id') in mids:
            bad(q + '.id', 'duplicate modifier')
        mids.add(m.get('id'))
        check_expr(m.get('when'), d, q + '.when')
        if not set(m.get('arms', [])) <= set(ARM_IDS):
            bad(q + '.arms', 'unknown arm')

    # vignettes
    vids = {}
    for j, v in enumerate(pack['vignettes']):
        q = '$.vignettes[%d]' % j
        closed(v, q, {'id': STR, 'title': STR, 'expected': OBJ},
               {'case': OBJ, 'base': STR, 'remove_facts': LIST, 'set_facts': OBJ})
        if ('case' in v) == ('base' in v):
            bad(q, 'exactly one of case/base')
        if 'base' in v:
            if v['base'] not in vids:
                bad(q + '.base', 'base %r is not an earlier vignette' % v['base'])
                continue
            case = json.loads(json.dumps(vids[v['base']]))
            for k in v.get('remove_facts', []):
                if k not in case.get('facts', {}):
                    bad(q + '.remove_facts', '%r not in the base case' % k)
                case.get('facts', {}).pop(k, None)
            case.get('facts', {}).update(v.get('set_facts', {}))
        else:
            if 'remove_facts' in v or 'set_facts' in v:
                bad(q, 'remove_facts/set_facts need base')
            case = v.get('case')
        check_case(case, q + '.case', pack, d, agents)
        vids[v.get('id')] = case
        exp = v.get('expected', {})
        closed(exp, q + '.expected', {'derived': OBJ, 'arms': OBJ}, {'options': OBJ})
        options.check_expected_options(
            options.Ctx(bad, closed, check_evidence, is_type, pack['jurisdictions']), exp.get('options', {}), q, opts,
            crit_ids, lambda mi: mi in d.vars or mi in ('failed_therapies', 'medications', 'medications[].last_dose'))
        for k in exp.get('derived', {}):
            if k not in d.derived:
                bad(q + '.expected.derived', 'unknown derived value %r' % k)
        arm_keys = set(ARM_IDS) | {'standard_care/' + s for s in sub_ids}
        for k, e in exp.get('arms', {}).items():
            qq = '%s.expected.arms.%s' % (q, k)
            if k not in arm_keys:
                bad(qq, 'unknown arm key')
            closed(e, qq, {'verdict': STR, 'deciding': LIST, 'other_not_met': LIST, 'missing_inputs': LIST,
                           'other_unknown': LIST})
            for lk in ('deciding', 'other_not_met', 'other_unknown'):
                for cid in e.get(lk, []):
                    if cid not in crit_ids:
                        bad(qq + '.' + lk, 'unknown criterion %r' % cid)
            for mi in e.get('missing_inputs', []):
                if mi not in d.vars and mi not in ('failed_therapies', 'medications', 'medications[].last_dose'):
                    bad(qq + '.missing_inputs', 'unknown input %r' % mi)
    return d, agents, vids


# ---------------------------------------------------------------- cases
def check_case(case, p, pack, d, agents):
    if not closed(case, p, {'format': STR, 'id': STR, 'as_of': 'date', 'jurisdiction': STR, 'facts': OBJ},
                  {'label': STR, 'medications': LIST, 'failed_therapies': LIST}):
        return
    if case['format'] != 'consilium-case/1':
        bad(p + '.format', 'must be consilium-case/1')
    if case['jurisdiction'] not in pack['jurisdictions']:
        bad(p + '.jurisdiction', 'unknown jurisdiction')
    for k, val in case['facts'].items():
        q = '%s.facts.%s' % (p, k)
        v = d.vars.get(k)
        if v is None:
            bad(q, 'unknown variable %r' % k)
            continue
        fact_value(v, val, q)
    for j, m in enumerate(case.get('medications', [])):
        q = '%s.medications[%d]' % (p, j)
        closed(m, q, {'agent': STR}, {'daily_dose': OBJ, 'last_dose': 'date'})
        c = agents.get(m.get('agent'))
        if c is None:
            bad(q + '.agent', 'unknown agent %r' % m.get('agent'))
        elif c.get('kind') == 'glucocorticoid' and 'daily_dose' not in m:
            bad(q, 'glucocorticoid without daily_dose')
        if 'daily_dose' in m:
            closed(m['daily_dose'], q + '.daily_dose', {'value': NUM, 'unit': STR})
            if m['daily_dose'].get('unit') != 'mg':
                bad(q + '.daily_dose.unit', 'unit must be mg')
    for j, a in enumerate(case.get('failed_therapies', [])):
        if a not in agents:
            bad('%s.failed_therapies[%d]' % (p, j), 'unknown agent %r' % a)


UNKNOWN = object()


def fact_value(v, val, q):
    """canonical value, or UNKNOWN; reports input errors."""
    if isinstance(val, dict) and 'status' in val:
        closed(val, q, {'status': STR})
        if val.get('status') not in ('not_evaluated', 'unknown'):
            bad(q, 'bad status')
        return UNKNOWN
    t = v['type']
    if t == 'bool':
        if not isinstance(val, bool):
            bad(q, 'expected true/false')
            return UNKNOWN
        return val
    if t == 'enum':
        if val not in v.get('values', []):
            bad(q, '%r is not one of %s' % (val, v.get('values')))
            return UNKNOWN
        return val
    if is_type(val, NUM):
        if not v.get('bare_number'):
            bad(q, 'bare number not accepted; give {"value", "unit"}')
            return UNKNOWN
        x = val
    elif isinstance(val, dict):
        closed(val, q, {'value': NUM, 'unit': STR}, {'date': 'date'})
        units = {norm_unit(u['unit']): u for u in v.get('units', [])}
        u = units.get(norm_unit(str(val.get('unit'))))
        if u is None:
            bad(q + '.unit', 'unit %r not accepted (accepted: %s)' % (val.get('unit'), ', '.join(units) or 'bare number only'))
            return UNKNOWN
        x = val.get('value')
        if not is_type(x, NUM):
            return UNKNOWN
        x = x * u['multiply'] if 'multiply' in u else x / u['divide']
    else:
        bad(q, 'expected a number with unit')
        return UNKNOWN
    if t == 'integer' and x != int(x):
        bad(q, 'integer expected')
    r = v.get('range')
    if r and not (r[0] - 1e-9 <= x <= r[1] + 1e-9):
        bad(q, 'value %s outside range %s %s' % (x, r, v.get('unit')))
    return x


# ---------------------------------------------------------------- reference evaluation (independent of core/)
def add_months(d0, n):
    y, m = divmod(d0.month - 1 + n, 12)
    y += d0.year
    m += 1
    return dt.date(y, m, min(d0.day, calendar.monthrange(y, m)[1]))


def k_and(a, b):
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def k_or(a, b):
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def k_not(a):
    return None if a is None else (not a)


class Evaluator:
    def __init__(self, pack, d, agents, case):
        self.pack, self.d, self.agents, self.case = pack, d, agents, case
        self.as_of = parse_date(case['as_of'])
        self.values = {'jurisdiction': case['jurisdiction']}
        for k, val in case['facts'].items():
            if k in d.vars:
                x = fact_value(d.vars[k], val, 'eval')
                if x is not UNKNOWN:
                    self.values[k] = x
        self.raw_deps = {}  # derived id -> set of raw input names
        self.washout_missing = {}
        for dv in pack['derived']:
            self.compute(dv)

    # expressions
    def ev(self, n):
        tag = n[0]
        if tag == 'paren':
            return self.ev(n[1])
        if tag == 'or':
            return k_or(self.ev(n[1]), self.ev(n[2]))
        if tag == 'and':
            return k_and(self.ev(n[1]), self.ev(n[2]))
        if tag == 'not':
            return k_not(self.ev(n[1]))
        if tag == 'id':
            return self.values.get(n[1])
        if tag == 'in':
            _, neg, left, items, _c = n
            x = self.ev(left)
            if x is None:
                return None
            r = x in [i[1] for i in items]
            return (not r) if neg else r
        if tag == 'cmp':
            _, op, l, r, _c = n
            lv, rv = self.operand(l, r), self.operand(r, l)
            if lv is None or rv is None:
                return None
            return {'<': lv < rv, '<=': lv <= rv, '>': lv > rv, '>=': lv >= rv, '==': lv == rv, '!=': lv != rv}[op]
        raise AssertionError(tag)

    def operand(self, n, other):
        if n[0] == 'num':
            x = n[1]
            if n[2] is not None and other[0] == 'id':
                u = self.d.kind(other[1])[3][norm_unit(n[2])]
                x = x * u['multiply'] if 'multiply' in u else x / u['divide']
            return x
        if n[0] in ('str', 'bool'):
            return n[1]
        return self.ev(n)

    def expr(self, s):
        return self.ev(Parser(s).parse())

    def idents(self, s):
        ids = set()
        type_check(Parser(s).parse(), self.d, '', ids)
        return ids

    def raw_of(self, name):
        if name in self.d.vars:
            return {name}
        if name in self.raw_deps:
            return self.raw_deps[name]
        return set()

    # derived values
    def compute(self, dv):
        f, did = dv['formula'], dv['id']
        inp = {r: self.values.get(ref) for r, ref in (dv.get('inputs') or {}).items()}
        raw = set()
        for ref in (dv.get('inputs') or {}).values():
            raw |= self.raw_of(ref)
        pv = {k: (v['value'] if isinstance(v, dict) and 'value' in v else v) for k, v in (dv.get('params') or {}).items()}
        meds = self.case.get('medications')
        val = None
        if f == 'ckd_epi_2021':
            s, a, sex = inp['creatinine'], inp['age'], inp['sex']
            if None not in (s, a, sex):
                k, al = (0.7, -0.241) if sex == 'female' else (0.9, -0.302)
                val = 142 * min(s / k, 1) ** al * max(s / k, 1) ** -1.2 * 0.9938 ** a * (1.012 if sex == 'female' else 1)
        elif f == 'cockcroft_gault':
            s, a, sex, w = inp['creatinine'], inp['age'], inp['sex'], inp['weight']
            if None not in (s, a, sex, w):
                val = (140 - a) * w / (72 * s) * (0.85 if sex == 'female' else 1)
        elif f == 'bands':
            for b in pv['bands']:
                raw |= set().union(*[self.raw_of(i) for i in self.idents(b['when'])])
            for b in pv['bands']:
                r = self.expr(b['when'])
                if r is None:
                    break
                if r:
                    val = b['value']
                    break
        elif f in ('easix', 'm_easix'):
            a = inp['ldh']
            b = inp['creatinine'] if f == 'easix' else inp['crp']
            c = inp['platelets']
            if None not in (a, b, c) and c != 0:
                val = a * b / c
        elif f == 'points_score':
            total, unknown = 0, False
            for comp in pv['components']:
                raw |= {comp['input']}
                pts = None
                for pt in comp['points']:
                    if self.expr(pt['when']):
                        pts = pt['points']
                        break
                if pts is None:
                    unknown = True
                else:
                    total += pts
            cat = pv['category']
            val = None if unknown else total
            if val is not None:
                self.values[cat['id']] = cat['values'][1] if total >= cat['high_at'] else cat['values'][0]
            elif total >= cat['high_at']:
                self.values[cat['id']] = cat['values'][1]
            self.raw_deps[cat['id']] = set(raw)
        elif f == 'prednisone_equivalent':
            raw |= {'medications'}
            if meds is not None:
                val = 0.0
                for m in meds:
                    a = self.agents[m['agent']]
                    if a['kind'] != 'glucocorticoid':
                        continue
                    ld = parse_date(m.get('last_dose')) if 'last_dose' in m else None
                    if ld is None or ld >= self.as_of - dt.timedelta(days=pv['window_days']):
                        e = [x for x in a['agents'] if x['id'] == m['agent']][0]['prednisone_equivalent_mg']
                        val += m['daily_dose']['value'] * pv['reference_mg'] / e
        elif f in ('leukapheresis_washout', 'tce_washout'):
            raw |= {'medications'}
            pe = inp['prednisone_equivalent']
            if meds is not None and pe is not None:
                ends, missing = [self.as_of], False
                gc_last = []
                for m in meds:
                    a = self.agents[m['agent']]
                    ld = parse_date(m.get('last_dose')) if 'last_dose' in m else None
                    if a['kind'] == 'glucocorticoid':
                        if ld is None or ld >= self.as_of - dt.timedelta(days=self.window()):
                            gc_last.append(ld)
                        continue
                    if f == 'leukapheresis_washout':
                        w = a.get('washout')
                        if not w:
                            continue
                        if ld is None:
                            missing = True
                            continue
                        ends.append(ld + dt.timedelta(days=w['days']) if 'days' in w else add_months(ld, w['months']))
                    else:
                        if a.get('bispecific') != 'stop_before':
                            continue
                        if ld is None:
                            missing = True
                            continue
                        ends.append(ld + dt.timedelta(days=pv['stop_before_days']))
                trig = pe > pv['gc_above_mg'] if f == 'leukapheresis_washout' else pe >= pv['gc_at_least_mg']
                if trig and gc_last:
                    if None in gc_last:
                        missing = True
                    else:
                        ends.append(max(gc_last) + dt.timedelta(days=pv['gc_days']))
                if missing:
                    raw |= {'medications[].last_dose'}
                else:
                    val = max(ends).isoformat()
        elif f == 'on_or_before_as_of':
            x = inp['date']
            if x is not None:
                val = parse_date(x) <= self.as_of
        elif f == 'failed_lines':
            raw |= {'failed_therapies'}
            ft = self.case.get('failed_therapies')
            if ft is not None:
                val = len({a for a in ft if self.agents[a]['counts_as_line']})
        elif f == 'on_agent':
            raw |= {'medications'}
            if meds is not None:
                val = any(m['agent'] == pv['agent'] for m in meds)
        self.raw_deps[did] = raw
        if val is not None:
            self.values[did] = val

    def window(self):
        for dv in self.pack['derived']:
            if dv['formula'] == 'prednisone_equivalent':
                return dv['params']['window_days']['value']
        return 7

    def is_missing(self, name):
        if name == 'failed_therapies':
            return 'failed_therapies' not in self.case
        if name == 'medications':
            return 'medications' not in self.case
        if name == 'medications[].last_dose':
            return True
        return name not in self.values

    # criteria
    def state(self, c):
        a = self.expr(c['applies_when']) if 'applies_when' in c else True
        if a is False:
            return 'not_applicable'
        r = k_or(k_not(a), self.expr(c['condition']))
        return {True: 'met', False: 'not_met', None: 'unknown'}[r]

    def missing_of(self, c):
        names = set()
        for k in ('applies_when', 'condition'):
            if k in c:
                for i in self.idents(c[k]):
                    if i in self.d.vars:
                        names.add(i)
                    elif i in self.values:
                        continue  # known derived value
                    else:
                        names |= self.raw_of(i)
        return {n for n in names if self.is_missing(n)}

    def arm(self, crits, sub=False):
        st = {c['id']: self.state(c) for c in crits}
        sev = {c['id']: c['severity'] for c in crits}
        if sub and all(s == 'not_applicable' for s in st.values()):
            return {'verdict': 'not_applicable', 'deciding': [], 'other_not_met': [], 'missing_inputs': [],
                    'other_unknown': []}
        ex_nm = [i for i in st if sev[i] == 'exclusion' and st[i] == 'not_met']
        ex_unk = [i for i in st if sev[i] == 'exclusion' and st[i] == 'unknown']
        fire = [i for i in st if sev[i] == 'caution' and st[i] == 'not_met']
        nm_other = [i for i in st if sev[i] != 'exclusion' and st[i] == 'not_met']
        unk_other = [i for i in st if sev[i] != 'exclusion' and st[i] == 'unknown']
        missing = set()
        for c in crits:
            if c['severity'] == 'exclusion' and st[c['id']] == 'unknown':
                missing |= self.missing_of(c)
        if ex_nm:
            verdict, deciding = 'ineligible', ex_nm
            unk_other = unk_other + ex_unk
        elif ex_unk:
            verdict, deciding = 'undetermined', ex_unk
        elif fire:
            verdict, deciding = 'eligible_with_cautions', fire
        else:
            verdict, deciding = 'eligible', []
        other_nm = [i for i in nm_other if i not in deciding]
        return {'verdict': verdict, 'deciding': deciding, 'other_not_met': other_nm,
                'missing_inputs': sorted(missing), 'other_unknown': unk_other}

    def timeline(self, arm):
        lg = self.pack['logistics'][arm]
        phases = lg['phases']
        for var in lg.get('variants', []):
            if self.expr(var['when']) is True:
                phases = var['phases']
                break
        pts = {}

        def day(o):
            ref = o['from']
            if ref == 'as_of':
                base = 0
            elif ref in pts:
                base = pts[ref]
            else:
                x = self.values.get(ref)
                if x is None:
                    return None
                base = (parse_date(x) - self.as_of).days
            if base is None:
                return None
            dd = o.get('days', 0)
            if isinstance(dd, dict):
                dd = lg['parameters'][dd['param']]['value'] if 'param' in dd else dd[self.case['jurisdiction']]
            r = base + dd
            if 'months' in o:
                r = (add_months(self.as_of + dt.timedelta(days=r), o['months']) - self.as_of).days
            if 'min' in o:
                r = max(r, o['min'])
            return r

        for name, o in (lg.get('points') or {}).items():
            pts[name] = day(o)
            if pts[name] is None:
                return None
        out = []
        for ph in phases:
            s = day(ph['start'])
            e = day(ph['end']) if ph['end'] is not None else None
            if ph.get('omit_if_empty') and e is not None and e <= s:
                continue
            out.append((ph['phase'], s, e))
        return out


def evaluate_vignettes(pack, d, agents, cases):
    n_ok = 0
    for v in pack['vignettes']:
        case = cases.get(v['id'])
        if case is None:
            continue
        ok = True
        ev = Evaluator(pack, d, agents, case)
        for k, want in v['expected']['derived'].items():
            got = ev.values.get(k)
            dv = d.derived.get(k, {})
            if isinstance(want, (int, float)) and not isinstance(want, bool):
                dec = dv.get('decimals', 0 if dv.get('type') == 'integer' else 1)
                if got is None or round_half_away(got, dec) != round_half_away(want, dec):
                    bad('vignette %s' % v['id'], 'derived %s = %s, expected %s' % (k, got, want))
                    ok = False
            elif got != want:
                bad('vignette %s' % v['id'], 'derived %s = %r, expected %r' % (k, got, want))
                ok = False
        for key, want in v['expected']['arms'].items():
            arm, _, sub = key.partition('/')
            alias = [s.get('option') for a in pack['arms'] for s in a.get('sub_options', []) if s['id'] == sub]
            if alias and alias[0]:  # a sub-option that is an alias of an option (options-2026.2.md §D.3)
                got = options.evaluate_option(ev, pack, options.option_map(pack)[alias[0]])
            else:
                crits = [c for c in pack['criteria']
                         if c['arm'] == arm and c.get('sub_option', '') == sub and 'option' not in c]
                got = ev.arm(crits, sub=bool(sub))
            ok = compare_expectation(v['id'], key, got, want) and ok
        for oid, want in v['expected'].get('options', {}).items():
            got = options.evaluate_option(ev, pack, options.option_map(pack)[oid])
            ok = compare_expectation(v['id'], oid, got, want) and ok
        n_ok += ok
    return n_ok


def compare_expectation(vid, key, got, want):
    ok = True
    for k in ('verdict', 'deciding', 'other_not_met', 'missing_inputs', 'other_unknown'):
        g, w = got[k], want[k]
        if (g != w) if k == 'verdict' else (sorted(g) != sorted(w)):
            bad('vignette %s %s' % (vid, key), '%s: got %s, expected %s' % (k, g, w))
            ok = False
    return ok


def round_half_away(x, dec):
    q = 10 ** dec
    return math.floor(abs(x) * q + 0.5 + 1e-9) / q * (1 if x >= 0 else -1)


# ---------------------------------------------------------------- main
def main(argv):
    pack_path = None
    examples = None
    do_eval = True
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == '--examples':
            examples = args.pop(0)
        elif a == '--no-eval':
            do_eval = False
        elif a in ('-h', '--help'):
            print(__doc__)
            return 0
        else:
            pack_path = a
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, '..', '..'))
    if pack_path is None:
        pack_path = os.path.join(root, 'resources', 'packs', 'consilium-reference.json')
    if examples is None and os.path.abspath(pack_path) == os.path.join(root, 'resources', 'packs', 'consilium-reference.json'):
        examples = os.path.join(root, 'resources', 'examples')
    if os.path.getsize(pack_path) > 4 * 1024 * 1024:
        bad(pack_path, 'file over 4 MiB')
    pack = load_json(pack_path)
    summary = []
    if pack is not None:
        pack, translations = texts.split(pack, bad)  # texts in more than one language: check_pack_texts.py
        res = check_pack(pack, pack_path)
        if res is not None:
            d, agents, cases = res
            n = texts.check_templates(translations, d, check_template, bad)
            summary.append('%d texts in other languages, %d of them templates' % (len(translations), n))
            summary.append('%d variables, %d derived, %d criteria, %d toxicity entries, %d modifiers, %d vignettes'
                           % (len(pack['variables']), len(pack['derived']), len(pack['criteria']),
                              sum(len(x) for x in pack['toxicity'].values()), len(pack['modifiers']),
                              len(pack['vignettes'])))
            if do_eval and not PROBLEMS:
                n = evaluate_vignettes(pack, d, agents, cases)
                summary.append('%d/%d vignettes reproduced by the reference evaluation' % (n, len(pack['vignettes'])))
                # worked example: pack `logistics.autologous_car_t` on vignette V01 (W = 13, I = 37)
                if 'V01-sle-ln-si-units' in cases:
                    tl = Evaluator(pack, d, agents, cases['V01-sle-ln-si-units']).timeline('autologous_car_t')
                    want = [('washout', 0, 13), ('leukapheresis', 13, 14), ('manufacturing', 14, 32),
                            ('bridging', 14, 32), ('lymphodepletion', 32, 35), ('infusion', 37, 38),
                            ('inpatient_monitoring', 37, 45), ('proximity_window', 37, 65),
                            ('driving_restriction', 37, 93), ('irradiated_blood_products', 6, 127)]
                    if pack.get('id') == 'consilium-reference' and tl != want:
                        bad('logistics.autologous_car_t', 'V01 timeline %s differs from reference-rules 5.1 %s' % (tl, want))
                if pack.get('id') == 'consilium-reference' and 'options' in pack:
                    options.check_reference_logistics(pack, lambda c: Evaluator(pack, d, agents, c), cases, bad)
            if examples and os.path.isdir(examples):
                # The cases of the 2026.1 vignettes sit in DIR (the demo data and CLI goldens read DIR only);
                # later vignettes in its subdirectories, e.g. options-2026.2/ (clinical/options-2026.2.md §E).
                subdirs = [examples] + sorted(os.path.join(examples, x) for x in os.listdir(examples)
                                              if os.path.isdir(os.path.join(examples, x)))
                paths = sorted((fn, os.path.join(dd, fn)) for dd in subdirs for fn in os.listdir(dd) if fn.endswith('.json'))
                files = [fn for fn, _ in paths]
                for fn, fp in paths:
                    doc = load_json(fp)
                    if doc is None:
                        continue
                    check_case(doc, fp, pack, d, agents)
                    vid = fn[:-5]
                    if doc.get('id') != vid:
                        bad(fp, 'id %r differs from the file name' % doc.get('id'))
                    if vid in cases:
                        a, b = dict(doc), dict(cases[vid])
                        for x in (a, b):
                            x.pop('id', None)
                            x.pop('label', None)
                        if a != b:
                            bad(fp, 'differs from vignette %s' % vid)
                    else:
                        bad(fp, 'no vignette with this id')
                missing = set(cases) - {f[:-5] for f in files}
                if missing:
                    bad(examples, 'no example file for %s' % sorted(missing))
                summary.append('%d example cases checked' % len(files))
    for p in PROBLEMS:
        print(p)
    for s in summary:
        print('#', s)
    print('%d problem(s)' % len(PROBLEMS))
    return 1 if PROBLEMS else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
