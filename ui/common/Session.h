// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "store/CaseStore.h"
#include "store/Decisions.h"
#include "store/Evaluations.h"

#include <QDate>
#include <QObject>

#include <functional>
#include <memory>

namespace consilium {

// One open database with the active rule pack and its engine: what every screen works on.
// "Today" is injectable (tests, screenshots); it only supplies the as-of date of new cases.
class Session : public QObject
{
    Q_OBJECT

public:
    struct Options {
        QString databasePath; // empty: the store's default location
        QString displayName;
        bool writer = true; // false: read-only (another instance writes)
        std::function<QDate()> today;
    };

    static std::unique_ptr<Session> open(const Options &options, StoreError &error);
    ~Session() override;

    CaseStore &store() noexcept { return *m_store; }
    Evaluations &evaluations() noexcept { return *m_evaluations; }
    Decisions &decisions() noexcept { return *m_decisions; }
    const RulePack &pack() const noexcept { return m_sitePack ? *m_sitePack : RulePack::builtin(); }
    const Engine &engine() const noexcept { return *m_engine; }
    bool isBuiltinPack() const noexcept { return !m_sitePack; }
    QString databasePath() const { return m_store->path(); }

    QDate today() const { return m_today ? m_today() : QDate::currentDate(); }

    // The name the user chose (Settings or the first-run prompt); empty until they give one.
    // Versions, decisions, positions and audit rows written after a change carry the new name
    // at once, without reopening the database.
    QString userName() const { return m_userName; }
    void setUserName(const QString &name);
    void setToday(std::function<QDate()> today) { m_today = std::move(today); }

    // A site pack loaded although it is not signed by a trusted key (issue 6).
    struct PackOverride {
        QString warning; // the importer's warning (recorded in the audit log)
        QString reason; // the user's reason for the override (required)
    };

    // Makes a validated site pack the active one (nullptr: back to the built-in pack), remembers
    // it in the database and re-evaluates the cases under it. With `signatureOverride`, the
    // override is recorded in the audit log in the same transaction
    // ("rule_pack.signature_overridden"); it needs a writable database and a reason.
    bool activatePack(std::unique_ptr<RulePack> pack, QString &error, const PackOverride *signatureOverride = nullptr);
    // The reason the active pack was loaded without a trusted signature; empty if it was not.
    QString packOverrideReason() const { return m_packOverrideReason; }

    // Saves a case document as a new version and evaluates it under the active pack.
    SaveOutcome saveCase(const QByteArray &json, QStringList &problems);

    void notifyCasesChanged() { Q_EMIT casesChanged(); }

Q_SIGNALS:
    void packChanged();
    void casesChanged();
    void userChanged();

private:
    Session() = default;
    void rebuildEngine();

    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<Evaluations> m_evaluations;
    std::unique_ptr<Decisions> m_decisions;
    std::unique_ptr<RulePack> m_sitePack;
    std::unique_ptr<Engine> m_engine;
    std::function<QDate()> m_today;
    QString m_packOverrideReason;
    QString m_userName;
};

} // namespace consilium
