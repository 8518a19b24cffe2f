// SPDX-License-Identifier: GPL-3.0-or-later
#include "case/CaseMerge.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace consilium {

namespace {

const QString kFacts = QStringLiteral("facts");

QJsonObject objectOf(const QByteArray &json, bool &ok)
{
    QJsonParseError e {};
    const QJsonDocument d = QJsonDocument::fromJson(json, &e);
    ok = e.error == QJsonParseError::NoError && d.isObject();
    return d.object();
}

// Keys of a and b, a's order first, then b's new ones.
QStringList unionKeys(const QJsonObject &a, const QJsonObject &b, const QJsonObject &c)
{
    QStringList keys = a.keys();
    for (const QJsonObject *o : { &b, &c })
        for (const QString &k : o->keys())
            if (!keys.contains(k))
                keys << k;
    return keys;
}

void put(QJsonObject &o, const QString &key, const QJsonValue &v)
{
    if (v.isUndefined())
        o.remove(key);
    else
        o.insert(key, v);
}

} // namespace

CaseMerge CaseMerge::of(const QByteArray &base, const QByteArray &mine, const QByteArray &theirs)
{
    CaseMerge m;
    bool okBase = false;
    bool okMine = false;
    bool okTheirs = false;
    const QJsonObject b = objectOf(base, okBase);
    const QJsonObject my = objectOf(mine, okMine);
    QJsonObject result = objectOf(theirs, okTheirs);
    if (!okBase || !okMine || !okTheirs) {
        m.error = QStringLiteral("a version of the case is not a JSON object");
        return m;
    }
    const QJsonObject th = result;
    for (const QString &key : unionKeys(b, my, th)) {
        if (key != kFacts) {
            Item item { key, b.value(key), my.value(key), th.value(key) };
            if (item.changedByMe())
                put(result, key, item.mine);
            if (item.changedByMe() || item.changedByThem())
                m.items.push_back(std::move(item));
            continue;
        }
        const QJsonObject bf = b.value(kFacts).toObject();
        const QJsonObject mf = my.value(kFacts).toObject();
        QJsonObject rf = th.value(kFacts).toObject();
        const QJsonObject tf = rf;
        for (const QString &var : unionKeys(bf, mf, tf)) {
            Item item { kFacts + QLatin1Char('.') + var, bf.value(var), mf.value(var), tf.value(var) };
            if (item.changedByMe())
                put(rf, var, item.mine);
            if (item.changedByMe() || item.changedByThem())
                m.items.push_back(std::move(item));
        }
        result.insert(kFacts, rf);
    }
    m.merged = QJsonDocument(result).toJson(QJsonDocument::Indented);
    return m;
}

QString CaseMerge::brief(const QJsonValue &value)
{
    if (value.isUndefined())
        return QStringLiteral("—");
    if (value.isObject()) {
        // A fact: value and unit, with its date.
        const QJsonObject o = value.toObject();
        QString text = brief(o.value(QStringLiteral("value")));
        if (o.contains(QStringLiteral("unit")))
            text += QLatin1Char(' ') + o.value(QStringLiteral("unit")).toString();
        if (o.contains(QStringLiteral("date")))
            text += QStringLiteral(" (%1)").arg(o.value(QStringLiteral("date")).toString());
        return text;
    }
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)).left(120);
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    return QString::number(value.toDouble(), 'g', 12);
}

} // namespace consilium
