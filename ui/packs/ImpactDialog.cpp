// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/ImpactDialog.h"

#include "common/Dialogs.h"
#include "common/Session.h"
#include "packs/ImpactViews.h"
#include "packs/PackConsent.h"
#include "rules/RulePack.h"
#include "store/PackImpactExport.h"

#include <QChartView>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace consilium {

namespace {

QTableWidget *table(const char *name, QWidget *parent)
{
    auto *t = new QTableWidget(parent);
    t->setObjectName(QLatin1String(name));
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QString packName(const RulePack &p)
{
    return QStringLiteral("%1 %2 (sha256 %3…)").arg(p.id(), p.version(), p.sha256().left(12));
}

} // namespace

ImpactDialog::ImpactDialog(Session &session, QWidget *parent)
    : QDialog(parent), m_session(session), m_active(session.packPtr())
{
    setObjectName(QStringLiteral("impactDialog"));
    setWindowTitle(tr("Impact of a rule pack"));
    resize(1100, 760);
    buildUi();
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ImpactDialog::onFinished);
    setStatus(tr("Choose a candidate rule pack: every stored case is evaluated under the active pack and under the "
                 "candidate. Nothing is stored and nothing is activated."));
    updateButtons();
}

ImpactDialog::~ImpactDialog()
{
    if (!isRunning())
        return;
    // The worker reports progress to this dialog and waits for it: let it finish its batch here.
    *m_cancel = true;
    m_watcher.disconnect(this);
    QEventLoop loop;
    connect(&m_watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    if (!m_watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
}

void ImpactDialog::buildUi()
{
    m_packs = new QLabel(this);
    m_packs->setObjectName(QStringLiteral("impactPacks"));
    m_packs->setWordWrap(true);
    m_packs->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_choose = new QPushButton(tr("&Choose candidate pack…"), this);
    m_choose->setObjectName(QStringLiteral("impactChoose"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("impactProgress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("impactCancel"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("impactStatus"));
    m_status->setWordWrap(true);
    m_tabs = new QTabWidget(this);
    m_transitions = table("impactTransitions", this);
    m_chart = new QChartView(this);
    m_chart->setObjectName(QStringLiteral("impactChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_shifts = table("impactShifts", this);
    m_cases = table("impactCases", this);
    m_cases->setAccessibleDescription(tr("Double-click or press Enter on a case to open it in the main window."));
    m_failed = new QListWidget(this);
    m_failed->setObjectName(QStringLiteral("impactFailed"));
    m_tabs->addTab(m_transitions, tr("Transitions"));
    m_tabs->addTab(m_chart, tr("Chart"));
    m_tabs->addTab(m_shifts, tr("Earliest start"));
    m_tabs->addTab(m_cases, tr("Changed cases"));
    m_tabs->addTab(m_failed, tr("Not valid"));
    m_exportCsv = new QPushButton(tr("Export &CSV…"), this);
    m_exportCsv->setObjectName(QStringLiteral("impactExportCsv"));
    m_exportJson = new QPushButton(tr("Export &JSON…"), this);
    m_exportJson->setObjectName(QStringLiteral("impactExportJson"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_choose);
    top->addWidget(m_progress, 1);
    top->addWidget(m_cancelButton);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_exportCsv);
    bottom->addWidget(m_exportJson);
    bottom->addStretch(1);
    bottom->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_packs);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);
    m_packs->setText(tr("Active pack: %1").arg(packName(*m_active)));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_choose, &QPushButton::clicked, this, [this] {
        const QString path = Dialogs::openFileName(this, tr("Candidate rule pack"), tr("Rule packs (*.json)"));
        if (!path.isEmpty())
            runCandidate(path);
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &ImpactDialog::cancel);
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportCsv(); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportJson(); });
    // Enter and double-click (QAbstractItemView::activated) open the case; the dialog stays open.
    connect(m_cases, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const QTableWidgetItem *id = m_cases->item(index.row(), 0);
        if (id)
            Q_EMIT caseActivated(id->data(ImpactViews::KeyRole).toString());
    });
}

bool ImpactDialog::runCandidate(const QString &path)
{
    if (isRunning())
        return false;
    ConsentedPack checked = checkPackWithConsent(this, path);
    if (!checked.outcome.pack) {
        m_impact.reset();
        showImpact();
        QStringList problems;
        for (const json::Finding &f : checked.outcome.problems)
            problems << (f.path.isEmpty() ? f.message : f.text());
        if (!checked.declined)
            Dialogs::warning(
                this, tr("Rule pack refused"), tr("The pack was refused; its impact is not computed."), problems);
        setStatus(checked.declined ? tr("The candidate is not signed by a trusted key and the override was not "
                                        "confirmed: its impact is not computed.")
                                   : tr("The candidate pack was refused (%n problem(s)): its impact is not computed.",
                                       nullptr, int(problems.size())));
        return false;
    }
    m_candidate = std::move(checked.outcome.pack);
    m_active = m_session.packPtr();
    m_packs->setText(
        tr("Active pack: %1\nCandidate: %2%3")
            .arg(packName(*m_active), packName(*m_candidate),
                checked.signatureOverride ? tr(" — not signed by a trusted key (override confirmed)") : QString()));
    m_impact.reset();
    showImpact();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_progress->setRange(0, 0);
    // Blocking: the worker goes on once the report has run here, so a Cancel clicked in between
    // is seen before the next batch (as the re-evaluation after a pack switch, Session.cpp).
    ProgressCallback progress = [this](qint64 done, qint64 total) {
        QMetaObject::invokeMethod(
            this, [this, done, total] { onProgress(done, total); }, Qt::BlockingQueuedConnection);
    };
    m_watcher.setFuture(QtConcurrent::run(
        [path = m_session.databasePath(), active = m_active, candidate = m_candidate, cancel = m_cancel, progress,
            batch = m_batchSize] { return packImpactAt(path, *active, *candidate, progress, cancel.get(), batch); }));
    setStatus(tr("Evaluating the stored cases under both packs…"));
    updateButtons();
    return true;
}

void ImpactDialog::cancel()
{
    if (m_cancel && isRunning()) {
        *m_cancel = true;
        setStatus(tr("Cancelling: the batch of cases under way is finished first…"));
    }
    updateButtons();
}

bool ImpactDialog::isRunning() const
{
    return m_watcher.isRunning();
}

void ImpactDialog::reject()
{
    cancel();
    QDialog::reject();
}

void ImpactDialog::onProgress(qint64 done, qint64 total)
{
    m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
    m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    if (!(m_cancel && *m_cancel))
        setStatus(tr("Evaluated %1 of %2 cases under both packs…").arg(done).arg(total));
    Q_EMIT progressed(done, total);
}

void ImpactDialog::onFinished()
{
    StoreResult<PackImpact> result = m_watcher.result();
    // No busy indicator once it has ended (an empty register reports no progress at all).
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    if (result) {
        const PackImpact &r = result.value();
        m_progress->setRange(0, int(std::min<qint64>(std::max<qint64>(r.total, 1), INT_MAX)));
        m_progress->setValue(int(std::min<qint64>(r.evaluated + r.failed.size(), INT_MAX)));
    }
    if (!result) {
        m_impact.reset();
        showImpact();
        setStatus(tr("The impact could not be computed: %1").arg(result.error().message));
        Dialogs::warning(this, tr("Impact of a rule pack"), result.error().message, result.error().details);
    } else {
        m_impact = std::move(result).value();
        showImpact();
        setStatus(summary(*m_impact));
    }
    updateButtons();
    Q_EMIT impactFinished();
}

QString ImpactDialog::summary(const PackImpact &r) const
{
    const qint64 done = r.evaluated + r.failed.size();
    QStringList s;
    if (r.cancelled)
        s << tr("Cancelled: the figures cover only the %1 of %2 cases done so far.").arg(done).arg(r.total);
    if (r.total == 0)
        s << tr("The register holds no cases: there is nothing the candidate could change.");
    else if (r.changed.empty() && r.evaluated > 0)
        s << tr("None of the %n case(s) evaluated under both packs changes under the candidate.", nullptr,
            int(r.evaluated));
    else if (!r.changed.empty())
        s << tr(
            "%1 of the %n case(s) evaluated under both packs change under the candidate.", nullptr, int(r.evaluated))
                 .arg(r.changed.size());
    if (!r.failed.isEmpty())
        s << tr("%n case(s) could not be evaluated under one of the packs (see “Not valid”).", nullptr,
            int(r.failed.size()));
    s << tr("Nothing was stored or activated.");
    return s.join(QLatin1Char(' '));
}

void ImpactDialog::showImpact()
{
    const PackImpact empty;
    const PackImpact &r = m_impact ? *m_impact : empty;
    const ImpactViews views(*m_active, m_candidate ? *m_candidate : *m_active);
    views.fillTransitions(m_transitions, r);
    views.fillChart(m_chart, r);
    views.fillShifts(m_shifts, r);
    views.fillCases(m_cases, r);
    m_failed->clear();
    m_failed->addItems(r.failed);
    m_tabs->setTabText(3, tr("Changed cases (%1)").arg(r.changed.size()));
    m_tabs->setTabText(4, tr("Not valid (%1)").arg(r.failed.size()));
}

void ImpactDialog::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setAccessibleName(text);
}

QString ImpactDialog::statusText() const
{
    return m_status->text();
}

void ImpactDialog::updateButtons()
{
    const bool running = isRunning();
    m_choose->setEnabled(!running);
    m_cancelButton->setEnabled(running && !(m_cancel && *m_cancel));
    m_exportCsv->setEnabled(!running && m_impact.has_value());
    m_exportJson->setEnabled(!running && m_impact.has_value());
}

bool ImpactDialog::writeExport(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        Dialogs::warning(this, tr("Export"), tr("Cannot write %1: %2").arg(path, f.errorString()));
        return false;
    }
    return true;
}

bool ImpactDialog::exportCsv(const QString &path)
{
    if (!m_impact)
        return false;
    const QString target = path.isEmpty()
        ? Dialogs::saveFileName(this, tr("Export CSV"), tr("CSV files (*.csv)"), QStringLiteral("impact.csv"))
        : path;
    return !target.isEmpty() && writeExport(target, impactCsv(*m_impact));
}

bool ImpactDialog::exportJson(const QString &path)
{
    if (!m_impact)
        return false;
    const QString target = path.isEmpty()
        ? Dialogs::saveFileName(this, tr("Export JSON"), tr("JSON files (*.json)"), QStringLiteral("impact.json"))
        : path;
    return !target.isEmpty() && writeExport(target, impactJson(*m_impact, *m_active, *m_candidate));
}

} // namespace consilium
