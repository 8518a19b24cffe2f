// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace consilium {

// Crash-safe drafts of unsaved edits: one file per (database, case) in AppDataLocation/drafts,
// written atomically with QSaveFile, removed when the case is saved or the edits discarded.
class DraftStore
{
public:
    explicit DraftStore(const QString &databasePath);

    QString pathFor(const QString &caseKey) const;
    bool write(const QString &caseKey, const QByteArray &draft) const;
    std::optional<QByteArray> read(const QString &caseKey) const;
    void remove(const QString &caseKey) const;

private:
    QString m_dir;
    QString m_prefix;
};

} // namespace consilium
