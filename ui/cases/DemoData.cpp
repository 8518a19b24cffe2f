// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases/DemoData.h"

#include "common/Session.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>

namespace consilium {

QStringList DemoData::exampleFiles()
{
    QStringList out;
    const QDir dir(QStringLiteral(":/examples"));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        out << dir.filePath(name);
    return out;
}

int DemoData::seedIfEmpty(Session &session)
{
    CaseStore &store = session.store();
    const auto ids = store.allCaseIds(true);
    // A team register on PostgreSQL is never seeded: fictitious patients do not belong there.
    if (!store.isWriter() || store.isPostgres() || !ids || !ids.value().isEmpty())
        return 0;
    int imported = 0;
    // The demo cases are the program's, not the user's: their versions and audit rows say so
    // (stored text, not translated).
    const Actor user = store.actor();
    store.setActor({ user.osUser, QStringLiteral("Consilium demo data") });
    const auto restore = qScopeGuard([&store, user] { store.setActor(user); });
    {
        WriteTransaction tx(store);
        if (!tx.begun())
            return 0;
        for (const QString &path : exampleFiles()) {
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const auto out = store.saveCase(f.readAll(), session.pack());
            if (out && out.value().status == SaveStatus::Added) {
                // A failed evaluation marks the transaction rollback-only: no demo data then.
                if (!session.evaluations().evaluateCase(out.value().caseId, session.pack()))
                    return 0;
                ++imported;
            }
        }
        if (!tx.commit())
            return 0;
    }
    if (imported > 0)
        session.notifyCasesChanged();
    return imported;
}

} // namespace consilium
