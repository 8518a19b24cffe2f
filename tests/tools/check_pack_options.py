"""Options of a rule pack (consilium-pack/1 extension, clinical/options-2026.2.md §C.0, §D): schema checks and
the reference evaluation of option verdicts. Used by check_pack.py; Python 3 standard library only.

Checked (options-2026.2.md §D.1 load errors and the format draft shared with the engine):
  * every option is a closed object: id (kebab-case, prefix auto-/allo-/tce-/soc- matching its arm), kind,
    status per jurisdiction, integrating/costim enums, registry, replaces, screening note, logistics overrides;
  * option ids are unique; `replaces` names arm criteria (no option, no sub-option) of the SAME arm, each once;
  * option criteria (`"option": id`) sit on the option's arm; toxicity rows tagged `option` sit under its arm;
  * a sub-option alias (`"option"` on `arms[].sub_options[]`) names an option of the same arm;
  * logistics overrides: only the known keys, Facts closed, lymphodepletion regimens from the enum,
    administration phases with offsets from the arm's points;
  * vignette `expected.options` keys are option ids and each expectation has the arm shape;
  * reference pack only: per-option criterion counts of the §C tables.
Evaluation (§D.2): effective criteria = arm criteria not in `replaces` (arm order), then own criteria (pack order);
verdict as for an arm, plus not_applicable when every effective criterion is not_applicable.
Logistics (§D.4, composed_logistics): the arm's default phases with the option's overrides; for the reference pack
every option's earliest_start in E01–E08 and the timelines spelled out in §E03/§E08 are reproduced. Readings where
§D.4 is silent, taken from the §E timelines: lymphodepletion `none` also drops the autologous bridging phase (as the
2026.1 mRNA variant); a bispecific option's inpatient_days adds `inpatient_monitoring` [T, T+d) and null adds nothing
(BRASLE); infection prophylaxis ends one month after the START of the last listed dose (CLN-978: day 34 → 65).
"""
import re

STR, NUM, INT, BOOL, LIST, OBJ = 'string', 'number', 'integer', 'bool', 'list', 'object'
PREFIX = {'autologous_car_t': 'auto-', 'allogeneic_car_t': 'allo-', 'bispecific_tce': 'tce-', 'standard_care': 'soc-'}
KINDS = ('trial', 'product', 'regimen')
STATUSES = ('approved', 'investigational', 'off_label', 'not_found')
COSTIM = ('CD28', '4-1BB')
REGIMENS = ('flu_cy', 'cy_only', 'bendamustine', 'none')
TREATMENT_POINT = {'autologous_car_t': 'I', 'allogeneic_car_t': 'I', 'bispecific_tce': 'T'}
# reference pack: own criteria per option, by severity (options-2026.2.md §C tables; soc-ahsct = 2026.1 §4.4)
OPTION_COUNTS = {
    'auto-zorpo-cel-castle': {'exclusion': 1},
    'auto-rese-cel-reset': {'exclusion': 3, 'caution': 1},
    'auto-miv-cel-kysa8': {'exclusion': 4},
    'auto-obe-cel-carlysle': {'exclusion': 2, 'info': 1},
    'auto-descartes-08-aurora': {'exclusion': 2},
    'allo-allo-329-resolution': {'exclusion': 6},
    'allo-ft819': {'exclusion': 4, 'caution': 1},
    'allo-cta311': {},
    'tce-teclistamab-offlabel': {},
    'tce-blinatumomab-brasle': {'exclusion': 11, 'caution': 1},
    'tce-cln-978-sle': {'exclusion': 7, 'caution': 2},
    'soc-ahsct': {'exclusion': 6, 'caution': 3},
}


class Ctx:
    """The checker's helpers, passed in by check_pack.py so that this module has no import cycle."""

    def __init__(self, bad, closed, check_evidence, is_type, jurisdictions):
        self.bad, self.closed, self.check_evidence, self.is_type = bad, closed, check_evidence, is_type
        self.jurisdictions = jurisdictions


def arm_criteria(pack, arm):
    return [c for c in pack['criteria'] if c.get('arm') == arm and 'option' not in c and 'sub_option' not in c]


def option_map(pack):
    return {o.get('id'): o for o in pack.get('options', []) if isinstance(o, dict)}


def effective_criteria(pack, option):
    """options-2026.2.md §D.2: arm criteria not in replaces (arm order), then the option's own criteria."""
    rep = set(option.get('replaces', []))
    own = [c for c in pack['criteria'] if c.get('option') == option['id']]
    return [c for c in arm_criteria(pack, option['arm']) if c['id'] not in rep] + own


def _fact(ctx, f, q, types):
    if ctx.closed(f, q, {'value': types, 'source': STR, 'evidence': STR}, {'note': STR}):
        ctx.check_evidence(f.get('evidence'), q + '.evidence')


def _per_jurisdiction_days(ctx, f, q):
    v = f.get('value') if isinstance(f, dict) else None
    if isinstance(v, dict):
        if set(v) != set(ctx.jurisdictions) or not all(ctx.is_type(x, INT) for x in v.values()):
            ctx.bad(q + '.value', 'per-jurisdiction days need exactly %s' % ctx.jurisdictions)
    elif v is not None and not ctx.is_type(v, INT):
        ctx.bad(q + '.value', 'expected an integer, a per-jurisdiction object or null')


def _offset(ctx, o, q, refs):
    if not ctx.closed(o, q, {'from': STR}, {'days': INT, 'months': INT, 'min': INT}):
        return
    if o.get('from') not in refs:
        ctx.bad(q + '.from', '%r is not as_of or a point of the arm' % o.get('from'))


def check_logistics(ctx, lg, q, arm, pack):
    if not ctx.closed(lg, q, {}, {
            'washout_required': OBJ, 'vein_to_vein_days': OBJ, 'lymphodepletion': OBJ, 'administration': OBJ,
            'inpatient_days': OBJ, 'proximity_days': OBJ, 'driving_days': OBJ, 'irradiated_blood_products': OBJ}):
        return
    for k, types in (('washout_required', BOOL), ('vein_to_vein_days', (INT, 'null')),
                     ('inpatient_days', (INT, 'null')), ('irradiated_blood_products', BOOL),
                     ('proximity_days', (INT, OBJ, 'null')), ('driving_days', (INT, OBJ, 'null'))):
        if k in lg:
            _fact(ctx, lg[k], '%s.%s' % (q, k), types)
    for k in ('proximity_days', 'driving_days'):
        if k in lg:
            _per_jurisdiction_days(ctx, lg[k], '%s.%s' % (q, k))
    ld = lg.get('lymphodepletion')
    if ld is not None and ctx.closed(ld, q + '.lymphodepletion', {
            'regimen': STR, 'doses': STR, 'alternatives': LIST, 'source': STR, 'evidence': STR}):
        ctx.check_evidence(ld.get('evidence'), q + '.lymphodepletion.evidence')
        if ld.get('regimen') not in REGIMENS:
            ctx.bad(q + '.lymphodepletion.regimen', 'not one of %s' % (REGIMENS,))
        for j, a in enumerate(ld.get('alternatives', [])):
            if a not in REGIMENS or a == ld.get('regimen'):
                ctx.bad('%s.lymphodepletion.alternatives[%d]' % (q, j), 'not another regimen of %s' % (REGIMENS,))
    adm = lg.get('administration')
    if adm is not None and ctx.closed(adm, q + '.administration', {
            'phases': LIST, 'complete': BOOL, 'source': STR, 'evidence': STR}):
        ctx.check_evidence(adm.get('evidence'), q + '.administration.evidence')
        if not adm.get('phases'):
            ctx.bad(q + '.administration.phases', 'at least one dose phase')
        refs = {'as_of'} | set((pack['logistics'].get(arm) or {}).get('points', {}))
        for j, ph in enumerate(adm.get('phases', [])):
            qq = '%s.administration.phases[%d]' % (q, j)
            if ctx.closed(ph, qq, {'phase': STR, 'start': OBJ, 'end': (OBJ, 'null'), 'note': STR, 'evidence': STR}):
                ctx.check_evidence(ph.get('evidence'), qq + '.evidence')
                _offset(ctx, ph.get('start'), qq + '.start', refs)
                if ph.get('end') is not None:
                    _offset(ctx, ph.get('end'), qq + '.end', refs)


def _check_status(ctx, st, q):
    if not ctx.closed(st, q, {j: OBJ for j in ctx.jurisdictions}):
        return
    for j in ctx.jurisdictions:
        s = st.get(j)
        if ctx.closed(s, '%s.%s' % (q, j), {'status': STR}, {'note': STR}) and s.get('status') not in STATUSES:
            ctx.bad('%s.%s.status' % (q, j), 'not one of %s' % (STATUSES,))


def check_option(ctx, o, q, pack):
    if not ctx.closed(o, q, {
            'id': STR, 'arm': STR, 'label': STR, 'name': STR, 'kind': STR, 'target': STR, 'platform': STR,
            'integrating': (BOOL, 'null'), 'costim': (STR, 'null'), 'status': OBJ, 'registry': LIST,
            'diseases_studied': STR, 'source': STR, 'evidence': STR, 'replaces': LIST, 'screening_note': STR},
            {'notes': LIST, 'logistics': OBJ}):
        return
    arm = o.get('arm')
    if arm not in PREFIX:
        ctx.bad(q + '.arm', 'unknown arm %r' % arm)
        return
    oid = o.get('id', '')
    if not re.fullmatch(r'[a-z0-9]+(-[a-z0-9]+)*', oid) or not oid.startswith(PREFIX[arm]):
        ctx.bad(q + '.id', '%r is not kebab-case with the prefix %r of its arm' % (oid, PREFIX[arm]))
    if o.get('kind') not in KINDS:
        ctx.bad(q + '.kind', 'not one of %s' % (KINDS,))
    if o.get('costim') is not None and o.get('costim') not in COSTIM:
        ctx.bad(q + '.costim', 'not one of %s or null' % (COSTIM,))
    if o.get('integrating') is not None and arm != 'autologous_car_t':
        ctx.bad(q + '.integrating', 'only meaningful for autologous options (null otherwise)')
    ctx.check_evidence(o.get('evidence'), q + '.evidence')
    _check_status(ctx, o.get('status'), q + '.status')
    for k in ('registry', 'notes'):
        if not all(isinstance(x, str) and x for x in o.get(k, [])):
            ctx.bad('%s.%s' % (q, k), 'non-empty strings only')
    own_arm = {c['id'] for c in arm_criteria(pack, arm)}
    seen = set()
    for j, rid in enumerate(o.get('replaces', [])):
        if rid in seen:
            ctx.bad('%s.replaces[%d]' % (q, j), '%r listed twice' % rid)
        seen.add(rid)
        if rid not in own_arm:
            ctx.bad('%s.replaces[%d]' % (q, j), '%r is not an arm criterion of %s' % (rid, arm))
    if 'logistics' in o:
        check_logistics(ctx, o['logistics'], q + '.logistics', arm, pack)


def check_options(ctx, pack):
    """Schema and cross-reference checks; returns the option map."""
    opts = {}
    for i, o in enumerate(pack.get('options', [])):
        q = '$.options[%d]' % i
        check_option(ctx, o, q, pack)
        if isinstance(o, dict):
            if o.get('id') in opts:
                ctx.bad(q + '.id', 'duplicate option %r' % o.get('id'))
            opts[o.get('id')] = o
    for i, a in enumerate(pack['arms']):
        for j, s in enumerate(a.get('sub_options', []) if isinstance(a, dict) else []):
            if isinstance(s, dict) and 'option' in s:
                o = opts.get(s['option'])
                if o is None or o.get('arm') != a.get('id'):
                    ctx.bad('$.arms[%d].sub_options[%d].option' % (i, j), '%r is not an option of %s'
                            % (s['option'], a.get('id')))
    counts = {}
    for i, c in enumerate(pack['criteria']):
        if not isinstance(c, dict) or 'option' not in c:
            continue
        q = '$.criteria[%d]' % i
        o = opts.get(c['option'])
        if 'sub_option' in c:
            ctx.bad(q, 'a criterion has either sub_option or option')
        if o is None:
            ctx.bad(q + '.option', 'unknown option %r' % c['option'])
        elif o.get('arm') != c.get('arm'):
            ctx.bad(q + '.arm', 'option %r belongs to %s' % (c['option'], o.get('arm')))
        counts.setdefault(c['option'], {}).setdefault(c.get('severity'), 0)
        counts[c['option']][c.get('severity')] += 1
    if pack.get('id') == 'consilium-reference' and 'options' in pack:
        for oid, exp in OPTION_COUNTS.items():
            if counts.get(oid, {}) != exp:
                ctx.bad('$.criteria', 'own criteria of option %s: %s, expected %s' % (oid, counts.get(oid, {}), exp))
        if set(opts) != set(OPTION_COUNTS):
            ctx.bad('$.options', 'options %s, expected %s' % (sorted(opts), sorted(OPTION_COUNTS)))
    for arm, lst in pack['toxicity'].items():
        for j, e in enumerate(lst):
            if isinstance(e, dict) and 'option' in e:
                q = '$.toxicity.%s[%d]' % (arm, j)
                if 'sub_option' in e:
                    ctx.bad(q, 'a toxicity row has either sub_option or option')
                if (opts.get(e['option']) or {}).get('arm') != arm:
                    ctx.bad(q + '.option', '%r is not an option of %s' % (e['option'], arm))
    return opts


def check_expected_options(ctx, exp, q, opts, crit_ids, known_input):
    """expected.options of one vignette: keys are option ids, values have the arm expectation shape."""
    for oid, e in exp.items():
        qq = '%s.expected.options.%s' % (q, oid)
        if oid not in opts:
            ctx.bad(qq, 'not an option id')
        ctx.closed(e, qq, {'verdict': STR, 'deciding': LIST, 'other_not_met': LIST, 'missing_inputs': LIST,
                           'other_unknown': LIST})
        if not isinstance(e, dict):
            continue
        for lk in ('deciding', 'other_not_met', 'other_unknown'):
            for cid in e.get(lk, []):
                if cid not in crit_ids:
                    ctx.bad(qq + '.' + lk, 'unknown criterion %r' % cid)
        for mi in e.get('missing_inputs', []):
            if not known_input(mi):
                ctx.bad(qq + '.missing_inputs', 'unknown input %r' % mi)


def evaluate_option(ev, pack, option):
    """The option's expectation-shaped result (options-2026.2.md §D.2) from a check_pack Evaluator."""
    return ev.arm(effective_criteria(pack, option), sub=True)


# ---------------------------------------------------------------- logistics composition (§D.4)
def _fact_value(lg, key):
    f = lg.get(key)
    return (True, f.get('value')) if isinstance(f, dict) else (False, None)


def _set_window(phases, name, point, value):
    """A duration override of one phase [point, point + value): 0 omits it, null keeps it open-ended."""
    out = []
    for ph in phases:
        if ph['phase'] == name:
            if value == 0:
                continue
            ph = dict(ph, end=None if value is None else {'from': point, 'days': value})
        out.append(ph)
    return out


def _administration(phases, arm, adm):
    doses = [dict(ph) for ph in adm['phases']]
    out = []
    for ph in phases:
        if arm == 'bispecific_tce' and ph['phase'] == 'maintenance_dose':
            continue
        if ph['phase'] == ('step_up_inpatient' if arm == 'bispecific_tce' else 'infusion'):
            out += doses
            continue
        if arm == 'bispecific_tce' and ph['phase'] == 'infection_prophylaxis':
            last = doses[-1]['start']
            end = {'from': last['from'], 'days': last.get('days', 0), 'months': 1}
            ph = dict(ph, end=end if adm['complete'] else None)
        out.append(ph)
    return out


def composed_logistics(pack, option):
    """The arm's default logistics with the option's overrides (options-2026.2.md §D.4)."""
    arm = option['arm']
    lg = json_copy(pack['logistics'][arm])
    lg.pop('variants', None)
    ov = option.get('logistics', {})
    phases, points = lg['phases'], lg.get('points', {})
    present, washout = _fact_value(ov, 'washout_required')
    if present and washout is False:
        phases = [ph for ph in phases if ph['phase'] != 'washout']
        lg['earliest_start'] = 'as_of'
        first = 'W' if arm == 'autologous_car_t' else 'T'
        if first in points:
            points[first] = {'from': 'as_of'}
    present, v2v = _fact_value(ov, 'vein_to_vein_days')
    if present and v2v is not None:
        lg['parameters']['vein_to_vein_days'] = dict(lg['parameters']['vein_to_vein_days'], value=v2v)
    if (ov.get('lymphodepletion') or {}).get('regimen') == 'none':
        phases = [ph for ph in phases if ph['phase'] not in ('lymphodepletion', 'bridging')]
        phases = [dict(ph, end={'from': 'I'}) if ph['phase'] == 'manufacturing' else ph for ph in phases]
        if arm == 'allogeneic_car_t':
            points['I'] = {'from': 'S'}
    if 'administration' in ov:
        phases = _administration(phases, arm, ov['administration'])
    point = 'T' if arm == 'bispecific_tce' else 'I'
    present, days = _fact_value(ov, 'inpatient_days')
    if present and arm == 'bispecific_tce':
        if days:
            phases.append({'phase': 'inpatient_monitoring', 'start': {'from': 'T'}, 'end': {'from': 'T', 'days': days}})
    elif present:
        phases = _set_window(phases, 'inpatient_monitoring', point, days)
    for key, name in (('proximity_days', 'proximity_window'), ('driving_days', 'driving_restriction')):
        present, days = _fact_value(ov, key)
        if present:
            phases = _set_window(phases, name, point, days)
    present, irr = _fact_value(ov, 'irradiated_blood_products')
    if present and irr is False:
        phases = [ph for ph in phases if ph['phase'] != 'irradiated_blood_products']
    lg['phases'] = phases
    return lg


def json_copy(x):
    import json
    return json.loads(json.dumps(x))


def option_timeline(ev, pack, option):
    """(earliest_start, [(phase, start_day, end_day)]) of an option for the Evaluator's case."""
    lg = composed_logistics(pack, option)
    es = lg['earliest_start']
    start = ev.as_of.isoformat() if es == 'as_of' else ev.values.get(es)
    saved = ev.pack
    ev.pack = dict(pack, logistics=dict(pack['logistics'], **{option['arm']: lg}))
    try:
        return start, ev.timeline(option['arm'])
    finally:
        ev.pack = saved


# ---------------------------------------------------------------- §E earliest starts and timelines
_AUTO_INTEGRATING = ('auto-zorpo-cel-castle', 'auto-rese-cel-reset', 'auto-miv-cel-kysa8', 'auto-obe-cel-carlysle')
_ALLO = ('allo-allo-329-resolution', 'allo-ft819', 'allo-cta311')


def _starts(auto, tce):
    """earliest_start per option (§E 'Decisive'): integrating autologous options `auto`, Descartes-08 and every
    allogeneic and standard-care option as_of, teclistamab and CLN-978 `tce`, BRASLE as_of."""
    d = {o: auto for o in _AUTO_INTEGRATING}
    d.update({o: '2026-12-04' for o in _ALLO + ('auto-descartes-08-aurora', 'tce-blinatumomab-brasle', 'soc-ahsct')})
    d.update({'tce-teclistamab-offlabel': tce, 'tce-cln-978-sle': tce})
    return d


EXPECTED_STARTS = {
    'E01-sle-plt60': _starts('2026-12-04', '2026-12-04'),
    'E02-sps-one-line': _starts('2026-12-04', '2026-12-04'),
    'E03-mg-azathioprine': _starts('2026-12-17', '2026-12-17'),
    'E04-sle-bcells-after-rituximab': _starts('2026-12-18', '2026-12-05'),
    'E05-ssc-age-70': _starts('2026-12-04', '2026-12-04'),
    'E06-sle-partial-48kg': _starts('2026-12-04', '2026-12-17'),
    'E07-ssc-duration-8y': _starts('2026-12-17', '2026-12-04'),
    'E08-sle-one-is-line': _starts('2026-12-17', '2026-12-17'),
}
_E03_ARM = [('washout', 0, 13), ('leukapheresis', 13, 14), ('manufacturing', 14, 32), ('bridging', 14, 32),
            ('lymphodepletion', 32, 35), ('infusion', 37, 38), ('inpatient_monitoring', 37, 45),
            ('proximity_window', 37, 65), ('driving_restriction', 37, 93), ('irradiated_blood_products', 6, 127)]
EXPECTED_TIMELINES = {  # §E03 and §E08 'Timelines (days)'
    ('E03-mg-azathioprine', 'auto-zorpo-cel-castle'): _E03_ARM,
    ('E03-mg-azathioprine', 'auto-descartes-08-aurora'):
        [('leukapheresis', 0, 1), ('manufacturing', 1, 24)] + [('infusion', 24 + 7 * k, 25 + 7 * k) for k in range(6)],
    ('E08-sle-one-is-line', 'tce-cln-978-sle'):
        [('washout', 0, 13)] + [('injection', 13 + 7 * k, 14 + 7 * k) for k in range(4)]
        + [('inpatient_monitoring', 13, 15), ('infection_prophylaxis', 13, 65)],
    ('E08-sle-one-is-line', 'tce-blinatumomab-brasle'): [('infusion_course', 0, 5), ('infection_prophylaxis', 0, None)],
}


def check_reference_logistics(pack, make_evaluator, cases, bad):
    """Reference pack: every option's earliest_start in E01–E08 and the §E timelines (compared as sets)."""
    opts = option_map(pack)
    for vid, starts in EXPECTED_STARTS.items():
        if vid not in cases:
            bad('vignette %s' % vid, 'missing')
            continue
        ev = make_evaluator(cases[vid])
        for oid, want in starts.items():
            got, tl = option_timeline(ev, pack, opts[oid])
            if got != want:
                bad('vignette %s %s' % (vid, oid), 'earliest_start %s, expected %s (options-2026.2.md §E)' % (got, want))
            want_tl = EXPECTED_TIMELINES.get((vid, oid))
            if want_tl is not None and sorted(tl or [], key=repr) != sorted(want_tl, key=repr):
                bad('vignette %s %s' % (vid, oid), 'timeline %s, expected %s (options-2026.2.md §E)' % (tl, want_tl))
