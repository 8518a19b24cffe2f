// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/PackImpact.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>
#include <optional>

class QChartView;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace consilium {

class RulePack;
class Session;

// Tools → Impact of a rule pack… (issue 15, docs/store.md#impact): a candidate pack file,
// checked exactly like an import (PackConsent, with the same consent for an unsigned pack), is
// compared with the active pack on the current version of every stored case, in the background
// on a read connection of its own (packImpactAt) with a progress bar and Cancel. Shows the
// transition tables, a chart of them, the earliest-start shifts, the changed cases (activate a
// row to open the case in the main window) and the cases not valid under one of the packs;
// exports the files `consilium-cli db impact --format csv|json` writes. Nothing is stored and
// nothing is activated.
class ImpactDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImpactDialog(Session &session, QWidget *parent = nullptr);
    ~ImpactDialog() override;

    // Checks the pack at `path` as an import does; a refused pack shows the import's problems
    // (Dialogs::warning) and nothing runs. Otherwise starts the run and returns true.
    bool runCandidate(const QString &path);
    void cancel();
    bool isRunning() const;
    // The last finished run (also a cancelled one); nullopt before the first or after an error.
    const std::optional<PackImpact> &impact() const noexcept { return m_impact; }
    QString statusText() const;
    // Writes the last run as `db impact --format csv|json` does; false (and a warning) on failure.
    bool exportCsv(const QString &path = {});
    bool exportJson(const QString &path = {});
    // Cases per progress report and cancel check (PackImpact's batch; tests use small ones).
    void setBatchSize(int batchSize) { m_batchSize = batchSize; }

Q_SIGNALS:
    void caseActivated(const QString &caseId);
    void progressed(qint64 done, qint64 total);
    void impactFinished(); // a run ended (finished, cancelled or failed)

protected:
    void reject() override;

private:
    void buildUi();
    void onProgress(qint64 done, qint64 total);
    void onFinished();
    void showImpact();
    void setStatus(const QString &text);
    void updateButtons();
    bool writeExport(const QString &path, const QByteArray &bytes);
    QString summary(const PackImpact &r) const;

    Session &m_session;
    std::shared_ptr<const RulePack> m_active;
    std::shared_ptr<const RulePack> m_candidate;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<StoreResult<PackImpact>> m_watcher;
    std::optional<PackImpact> m_impact;
    int m_batchSize = 500;
    QLabel *m_packs = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_choose = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportCsv = nullptr;
    QPushButton *m_exportJson = nullptr;
    QTabWidget *m_tabs = nullptr;
    QTableWidget *m_transitions = nullptr;
    QChartView *m_chart = nullptr;
    QTableWidget *m_shifts = nullptr;
    QTableWidget *m_cases = nullptr;
    QListWidget *m_failed = nullptr;
};

} // namespace consilium
