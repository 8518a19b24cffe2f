// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace consilium {

// Re-applying one's edits to a newer version of a case (issue 13: "no lost update"). Someone
// edited version `base` while another workstation saved `theirs`. The edits are compared with
// `base` per item of the case (docs/case-format.md): each fact (`facts.<variable>` as a whole:
// value, unit and date belong together), the medication list, the failed therapies, and every
// other top-level member. An item the user changed replaces theirs; an item only they changed
// stays theirs. Nothing is merged inside an item, so a value never meets another edit's unit.
struct CaseMerge {
    struct Item {
        QString key; // "facts.creatinine", "medications", "label", …
        QJsonValue base; // Undefined: the item was absent
        QJsonValue mine;
        QJsonValue theirs;
        bool changedByMe() const { return mine != base; }
        bool changedByThem() const { return theirs != base; }
        // Both changed it, differently: re-applying mine replaces theirs.
        bool clash() const { return changedByMe() && changedByThem() && mine != theirs; }
    };

    std::vector<Item> items; // every item either side changed, in document order
    QByteArray merged; // theirs with my changed items applied (compact JSON); empty on error
    QString error; // one of the three is not a JSON object

    static CaseMerge of(const QByteArray &base, const QByteArray &mine, const QByteArray &theirs);
    // A value as one short line for the conflict dialog ("7 mg/L (2026-11-02)", "absent").
    static QString brief(const QJsonValue &value);
};

} // namespace consilium
