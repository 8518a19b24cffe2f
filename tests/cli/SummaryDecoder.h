// SPDX-License-Identifier: GPL-3.0-or-later
// A reader of consilium-summary/3 lines written from docs/result-format.md#summary-output alone
// (not from core/engine/SummaryResult.cpp): it reads the pack file's JSON for the orders the line
// follows and puts every id back, in the shape of the full result.
#pragma once

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <set>

namespace {

// A JSON array to iterate over without detaching it.
inline const QJsonArray constArray(const QJsonValue &v)
{
    return v.toArray();
}

// What a reader needs from the pack file (docs/result-format.md#summary-output).
struct SummaryPack {
    QStringList inputs; // input numbers: variables[] in file order, then the pseudo inputs
    QStringList derived; // derived[] ids in file order, a points_score's category after it
    QList<QStringList> subOptions; // per arm of the fixed arm order, its sub_options[] ids
    QStringList options; // options[] ids in file order
    QStringList optionArms; // the arm of each
};

inline const QStringList &summaryArmOrder()
{
    static const QStringList arms { QStringLiteral("autologous_car_t"), QStringLiteral("allogeneic_car_t"),
        QStringLiteral("bispecific_tce"), QStringLiteral("standard_care") };
    return arms;
}

inline SummaryPack summaryPack(const QString &packFile)
{
    QFile f(packFile);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject pack = QJsonDocument::fromJson(f.readAll()).object();
    SummaryPack p;
    for (const QJsonValue &v : constArray(pack.value(QStringLiteral("variables"))))
        p.inputs.append(v.toObject().value(QStringLiteral("id")).toString());
    p.inputs << QStringLiteral("medications") << QStringLiteral("failed_therapies")
             << QStringLiteral("medications[].last_dose");
    for (const QJsonValue &v : constArray(pack.value(QStringLiteral("derived")))) {
        const QJsonObject d = v.toObject();
        p.derived.append(d.value(QStringLiteral("id")).toString());
        if (d.value(QStringLiteral("formula")).toString() == QLatin1String("points_score")) // its category next
            p.derived.append(d.value(QStringLiteral(
                "params"))[QStringLiteral("category")][QStringLiteral("value")][QStringLiteral("id")]
                                 .toString());
    }
    for (const QString &arm : summaryArmOrder()) {
        QStringList subs;
        for (const QJsonValue &a : constArray(pack.value(QStringLiteral("arms")))) {
            if (a.toObject().value(QStringLiteral("id")).toString() != arm)
                continue;
            for (const QJsonValue &s : constArray(a.toObject().value(QStringLiteral("sub_options"))))
                subs.append(s.toObject().value(QStringLiteral("id")).toString());
        }
        p.subOptions.append(subs);
    }
    for (const QJsonValue &v : constArray(pack.value(QStringLiteral("options")))) {
        p.options.append(v.toObject().value(QStringLiteral("id")).toString());
        p.optionArms.append(v.toObject().value(QStringLiteral("arm")).toString());
    }
    return p;
}

inline QJsonValue summaryVerdictWord(const QJsonValue &code)
{
    const QString c = code.toString();
    if (c == QLatin1String("E"))
        return QStringLiteral("eligible");
    if (c == QLatin1String("C"))
        return QStringLiteral("eligible_with_cautions");
    if (c == QLatin1String("U"))
        return QStringLiteral("undetermined");
    if (c == QLatin1String("I"))
        return QStringLiteral("ineligible");
    if (c == QLatin1String("N"))
        return QStringLiteral("not_applicable");
    return QStringLiteral("(unknown code %1)").arg(c);
}

using SummarySet = std::set<int>;

inline SummarySet summarySet(const QJsonObject &g, const char *key)
{
    SummarySet out;
    for (const QJsonValue &v : constArray(g.value(QLatin1String(key))))
        out.insert(v.toInt());
    return out;
}

inline SummarySet summaryUnion(SummarySet a, const SummarySet &b)
{
    a.insert(b.begin(), b.end());
    return a;
}

inline SummarySet summaryMinus(SummarySet a, const SummarySet &b)
{
    for (const int i : b)
        a.erase(i);
    return a;
}

// A set as the full result's input names, sorted by name; left out of `out` when empty.
inline void insertNames(QJsonObject &out, const QString &key, const SummarySet &set, const SummaryPack &p)
{
    if (set.empty())
        return;
    QStringList names;
    for (const int i : set)
        names.append(i >= 0 && i < p.inputs.size() ? p.inputs[i] : QStringLiteral("(bad input number %1)").arg(i));
    names.sort();
    out.insert(key, QJsonArray::fromStringList(names));
}

struct DecodedGroup {
    QJsonObject json;
    SummarySet missing;
    SummarySet caution;
    QJsonValue start;
};

// An arm or sub-option: its sets as written; "s" left out: the as_of date.
inline DecodedGroup decodeGroup(const QJsonObject &g, const QJsonObject &line, const SummaryPack &p, bool withStart)
{
    DecodedGroup d;
    d.missing = summarySet(g, "m");
    d.caution = summarySet(g, "c");
    d.json.insert(QStringLiteral("verdict"), summaryVerdictWord(g.value(QStringLiteral("v"))));
    insertNames(d.json, QStringLiteral("missing_inputs"), d.missing, p);
    insertNames(d.json, QStringLiteral("caution_missing_inputs"), d.caution, p);
    if (withStart) {
        d.start = g.contains(QStringLiteral("s")) ? g.value(QStringLiteral("s")) : line.value(QStringLiteral("as_of"));
        d.json.insert(QStringLiteral("earliest_start"), d.start);
    }
    return d;
}

// An option, relative to its arm: M = (arm.m ∪ m) − mx, C = ((arm.c − M) ∪ c) − cx, "s" left out:
// the arm's earliest start.
inline QJsonObject decodeOption(const QJsonObject &g, const DecodedGroup &arm, const SummaryPack &p)
{
    QJsonObject out { { QStringLiteral("verdict"), summaryVerdictWord(g.value(QStringLiteral("v"))) } };
    const SummarySet missing = summaryMinus(summaryUnion(arm.missing, summarySet(g, "m")), summarySet(g, "mx"));
    const SummarySet caution
        = summaryMinus(summaryUnion(summaryMinus(arm.caution, missing), summarySet(g, "c")), summarySet(g, "cx"));
    insertNames(out, QStringLiteral("missing_inputs"), missing, p);
    insertNames(out, QStringLiteral("caution_missing_inputs"), caution, p);
    out.insert(
        QStringLiteral("earliest_start"), g.contains(QStringLiteral("s")) ? g.value(QStringLiteral("s")) : arm.start);
    return out;
}

// The line with every id put back: "derived" {id: value}, "arms" {id: {verdict, earliest_start,
// missing_inputs?, caution_missing_inputs?, sub_options?}}, "options" {id: …}; the lists sorted by
// name. Empty when the arrays do not fit the pack.
inline QJsonObject decodeSummary(const QJsonObject &line, const SummaryPack &p)
{
    QJsonObject out = line;
    const QJsonArray values = line.value(QStringLiteral("derived")).toArray();
    const QJsonArray arms = line.value(QStringLiteral("arms")).toArray();
    const QJsonArray options = line.value(QStringLiteral("options")).toArray();
    if (values.size() != p.derived.size() || arms.size() != summaryArmOrder().size()
        || options.size() != p.options.size())
        return {};
    QJsonObject derived;
    for (qsizetype i = 0; i < values.size(); ++i)
        derived.insert(p.derived[i], values.at(i));
    out.insert(QStringLiteral("derived"), derived);
    QJsonObject armsOut;
    QHash<QString, DecodedGroup> decodedArms;
    for (qsizetype a = 0; a < arms.size(); ++a) {
        const QJsonObject g = arms.at(a).toObject();
        DecodedGroup arm = decodeGroup(g, line, p, true);
        const QJsonArray subs = g.value(QStringLiteral("sub")).toArray();
        if (subs.size() != p.subOptions[a].size())
            return {};
        QJsonObject subOptions;
        for (qsizetype s = 0; s < subs.size(); ++s)
            subOptions.insert(p.subOptions[a][s], decodeGroup(subs.at(s).toObject(), line, p, false).json);
        if (!subs.isEmpty())
            arm.json.insert(QStringLiteral("sub_options"), subOptions);
        armsOut.insert(summaryArmOrder()[a], arm.json);
        decodedArms.insert(summaryArmOrder()[a], arm);
    }
    out.insert(QStringLiteral("arms"), armsOut);
    QJsonObject optionsOut;
    for (qsizetype o = 0; o < options.size(); ++o)
        optionsOut.insert(p.options[o], decodeOption(options.at(o).toObject(), decodedArms.value(p.optionArms[o]), p));
    out.insert(QStringLiteral("options"), optionsOut);
    return out;
}

// A list of the full result sorted by name, to compare with a decoded set.
inline QJsonArray sortedByName(const QJsonValue &list)
{
    QStringList names;
    for (const QJsonValue &v : constArray(list))
        names.append(v.toString());
    names.sort();
    return QJsonArray::fromStringList(names);
}

// The decoded summary line `sl` says what the full result's line `fl` says: the case id; every
// arm's, sub-option's and option's verdict, earliest start (arms and options) and missing /
// caution-missing sets (the ranking is only in the full result; absent = empty); the derived
// values. Adds to `nonEmptyOptionSets` the option sets that were not empty. Fails the current
// test (QCOMPARE) at the first difference: callers check QTest::currentTestFailed().
inline void compareSummaryWithFull(
    const QJsonObject &sl, const QJsonObject &fl, const SummaryPack &reader, int &nonEmptyOptionSets)
{
    const QStringList lists { QStringLiteral("missing_inputs"), QStringLiteral("caution_missing_inputs") };
    QCOMPARE(sl.value(QStringLiteral("case_id")), fl.value(QStringLiteral("case_id")));
    const QJsonObject fullArms = fl.value(QStringLiteral("arms")).toObject();
    const QJsonObject sumArms = sl.value(QStringLiteral("arms")).toObject();
    const QJsonObject sumOptions = sl.value(QStringLiteral("options")).toObject();
    QCOMPARE(sumArms.size(), fullArms.size());
    for (auto arm = fullArms.begin(); arm != fullArms.end(); ++arm) {
        const QJsonObject fa = arm.value().toObject();
        const QJsonObject sa = sumArms.value(arm.key()).toObject();
        QCOMPARE(sa.value(QStringLiteral("verdict")), fa.value(QStringLiteral("verdict")));
        QCOMPARE(sa.value(QStringLiteral("earliest_start")), fa.value(QStringLiteral("earliest_start")));
        for (const QString &l : lists)
            QCOMPARE(sa.value(l).toArray(), sortedByName(fa.value(l)));
        const QJsonObject fullSubs = fa.value(QStringLiteral("sub_options")).toObject();
        const QJsonObject sumSubs = sa.value(QStringLiteral("sub_options")).toObject();
        QCOMPARE(sumSubs.keys(), fullSubs.keys());
        for (auto sub = fullSubs.begin(); sub != fullSubs.end(); ++sub) {
            const QJsonObject ss = sumSubs.value(sub.key()).toObject();
            QCOMPARE(ss.value(QStringLiteral("verdict")), sub.value().toObject().value(QStringLiteral("verdict")));
            for (const QString &l : lists)
                QCOMPARE(ss.value(l).toArray(), sortedByName(sub.value().toObject().value(l)));
        }
        for (const QJsonValue &o : constArray(fa.value(QStringLiteral("options")))) {
            const QJsonObject fo = o.toObject();
            const QJsonObject so = sumOptions.value(fo.value(QStringLiteral("id")).toString()).toObject();
            QCOMPARE(so.value(QStringLiteral("verdict")), fo.value(QStringLiteral("verdict")));
            QCOMPARE(so.value(QStringLiteral("earliest_start")), fo.value(QStringLiteral("earliest_start")));
            for (const QString &l : lists) {
                QCOMPARE(so.value(l).toArray(), sortedByName(fo.value(l)));
                nonEmptyOptionSets += !fo.value(l).toArray().isEmpty();
            }
        }
    }
    QCOMPARE(sl.value(QStringLiteral("derived")).toObject().size(), reader.derived.size());
    for (const QString &d : reader.derived) { // the full result's "value" (a category: the value itself)
        const QJsonValue fd = fl.value(QStringLiteral("derived")).toObject().value(d);
        QCOMPARE(sl.value(QStringLiteral("derived")).toObject().value(d),
            fd.isObject() ? fd.toObject().value(QStringLiteral("value")) : fd);
    }
}

} // namespace
