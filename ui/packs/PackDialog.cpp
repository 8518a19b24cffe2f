// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/PackDialog.h"

#include "common/Dialogs.h"
#include "common/PackProvenance.h"
#include "common/Session.h"
#include "engine/Vignettes.h"
#include "packs/PackConsent.h"
#include "packs/PackImporter.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressDialog>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <atomic>
#include <optional>
#include <set>

namespace consilium {

namespace {

// Session::activatePack with a QProgressDialog over the re-evaluation of the stored cases, which
// runs on a worker thread while this thread's event loop goes on: the dialog advances after
// each batch, its Cancel stops the run between batches, and, being modal, it keeps the user
// from writing meanwhile (docs/store.md#re-evaluation-in-the-background). The pack stays active
// after a cancel.
bool activateWithProgress(QWidget *parent, Session &session, std::unique_ptr<RulePack> pack, QString &error,
    const Session::PackOverride *signatureOverride = nullptr, const QString &signer = {})
{
    QProgressDialog progress(PackDialog::tr("Re-evaluating the stored cases under the new rule pack…"),
        PackDialog::tr("Cancel"), 0, 0, parent);
    progress.setObjectName(QStringLiteral("reevaluationProgress"));
    progress.setWindowTitle(PackDialog::tr("Rule pack"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    progress.setAutoReset(false);
    std::atomic<bool> cancel { false };
    QObject::connect(&progress, &QProgressDialog::canceled, &progress, [&cancel] { cancel = true; });
    Session::Reevaluation r;
    r.cancel = &cancel;
    r.progress = [&progress, &cancel](qint64 done, qint64 total) {
        progress.setMaximum(int(std::min<qint64>(total, INT_MAX)));
        progress.setValue(int(std::min<qint64>(done, INT_MAX)));
        if (progress.wasCanceled())
            cancel = true;
    };
    return session.activatePack(std::move(pack), error, signatureOverride, signer, r);
}

// What the confirmation says about the cases: all re-evaluated, or how far a cancelled run got.
QString casesNote(const Session &session)
{
    const ReevaluationSummary &r = session.lastReevaluation();
    if (!r.cancelled)
        return PackDialog::tr("the cases were re-evaluated.");
    return PackDialog::tr("the re-evaluation was cancelled after %1 of %2 cases; the others show as not evaluated "
                          "under this pack until it is activated again.")
        .arg(r.evaluated + r.failed)
        .arg(r.total);
}

} // namespace

PackDialog::PackDialog(Session &session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setObjectName(QStringLiteral("packDialog"));
    setWindowTitle(tr("Rule packs"));
    resize(760, 620);
    m_badge = new QLabel(this);
    m_badge->setObjectName(QStringLiteral("vignetteBadge"));
    m_badge->setMargin(6);
    QFont f = m_badge->font();
    f.setBold(true);
    m_badge->setFont(f);
    m_signatureWarning = new QLabel(this);
    m_signatureWarning->setObjectName(QStringLiteral("signatureWarning"));
    m_signatureWarning->setWordWrap(true);
    m_signatureWarning->setMargin(6);
    m_signatureWarning->setFont(f);
    m_signatureWarning->setStyleSheet(QStringLiteral("QLabel { color: #8a1c00; background: #fff1cc; }"));
    m_signatureWarning->hide();
    m_info = new QTextBrowser(this);
    m_info->setObjectName(QStringLiteral("packInfo"));
    m_info->setAccessibleName(tr("Active rule pack"));
    m_problemsLabel = new QLabel(tr("Import problems:"), this);
    m_problems = new QListWidget(this);
    m_problems->setObjectName(QStringLiteral("packProblems"));
    m_problems->setAccessibleName(tr("Import problems"));
    m_problemsLabel->setBuddy(m_problems);
    m_problemsLabel->hide();
    m_problems->hide();
    m_import = new QPushButton(tr("&Import site pack…"), this);
    m_import->setObjectName(QStringLiteral("importPack"));
    m_builtin = new QPushButton(tr("Use the &built-in pack"), this);
    m_builtin->setObjectName(QStringLiteral("useBuiltinPack"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *row = new QHBoxLayout;
    row->addWidget(m_import);
    row->addWidget(m_builtin);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_badge);
    layout->addWidget(m_signatureWarning);
    layout->addWidget(m_info, 1);
    layout->addWidget(m_problemsLabel);
    layout->addWidget(m_problems);
    layout->addLayout(row);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path = Dialogs::openFileName(this, tr("Import rule pack"), tr("Rule packs (*.json)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_builtin, &QPushButton::clicked, this, &PackDialog::useBuiltin);
    m_import->setEnabled(session.store().isWriter());
    refresh();
}

QStringList PackDialog::problems() const
{
    QStringList out;
    for (int i = 0; i < m_problems->count(); ++i)
        out << m_problems->item(i)->text();
    return out;
}

void PackDialog::refresh()
{
    const RulePack &p = m_session.pack();
    const auto results = runVignettes(p);
    const int passed
        = int(std::count_if(results.begin(), results.end(), [](const VignetteOutcome &v) { return v.passed(); }));
    const bool ok = passed == int(results.size()) && !results.empty();
    m_badge->setText((ok ? QStringLiteral("✓ ") : QStringLiteral("✕ "))
        + tr("Validated on %1 of %n vignette(s)", nullptr, int(results.size())).arg(passed));
    m_badge->setAccessibleName(m_badge->text());
    std::set<QString> sources;
    for (const Criterion &c : p.criteria())
        sources.insert(c.source);
    QString h = QStringLiteral("<h2>%1</h2>").arg(p.title().toHtmlEscaped());
    h += QStringLiteral("<p>%1</p>")
             .arg(tr("<b>%1</b> version <b>%2</b> · %3")
                      .arg(p.id().toHtmlEscaped(), p.version().toHtmlEscaped(),
                          m_session.isBuiltinPack()
                              ? tr("built into the application")
                              : tr("site pack, %1")
                                    .arg(PackStatus::provenance(p, m_session.packProvenance()).toHtmlEscaped())));
    h += QStringLiteral("<p>%1<br>sha256 <tt>%2</tt></p>")
             .arg(tr("Effective from %1 to %2")
                      .arg(p.effectiveFrom(), p.effectiveTo().isEmpty() ? tr("open end") : p.effectiveTo()),
                 p.sha256());
    h += QStringLiteral("<p><b>%1</b> %2<br>%3</p>")
             .arg(tr("Clinical sign-off:"), p.signOffStatus().toHtmlEscaped(), p.signOffNote().toHtmlEscaped());
    h += QStringLiteral("<p><b>%1</b> %2</p>")
             .arg(tr("Authors:"), p.authors().join(QStringLiteral(", ")).toHtmlEscaped());
    h += QStringLiteral("<p>%1</p>")
             .arg(tr("%1 variables · %2 criteria · %3 derived values · %4 vignettes")
                      .arg(p.variables().size())
                      .arg(p.criteria().size())
                      .arg(p.derived().size())
                      .arg(p.vignettes().size()));
    h += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Sources cited by the criteria"));
    for (const QString &s : sources)
        h += QStringLiteral("<li>%1</li>").arg(s.toHtmlEscaped());
    h += QStringLiteral("</ul>");
    m_info->setHtml(h);
    const QString overrideReason = m_session.isBuiltinPack() ? QString() : m_session.packOverrideReason();
    m_signatureWarning->setText(
        QStringLiteral("⚠ ") + tr("Loaded without a trusted signature: %1").arg(overrideReason));
    m_signatureWarning->setAccessibleName(m_signatureWarning->text());
    m_signatureWarning->setVisible(!overrideReason.isEmpty());
    m_builtin->setEnabled(!m_session.isBuiltinPack() && m_session.store().isWriter());
}

void PackDialog::showRefused(const std::vector<json::Finding> &findings, bool messageBox)
{
    m_problems->clear();
    QStringList problems;
    for (const json::Finding &f : findings) {
        // A finding without a path is about the pack as a whole (its signature, its vignettes).
        auto *item = new QListWidgetItem(f.path.isEmpty() ? f.message : f.text(), m_problems);
        item->setData(PathRole, f.path);
        item->setData(CodeRole, f.code);
        problems << item->text();
    }
    m_problemsLabel->setText(
        tr("The pack was refused (%n problem(s)); the active pack is unchanged:", nullptr, int(problems.size())));
    m_problemsLabel->show();
    m_problems->show();
    if (messageBox)
        Dialogs::warning(
            this, tr("Rule pack refused"), tr("The pack was refused; the active pack is unchanged."), problems);
}

bool PackDialog::importFile(const QString &path)
{
    ConsentedPack checked = checkPackWithConsent(this, path);
    PackImporter::Outcome &out = checked.outcome;
    const std::optional<Session::PackOverride> &signatureOverride = checked.signatureOverride;
    m_problems->clear();
    if (checked.declined) {
        showRefused(out.problems, false);
        return false;
    }
    if (!out.pack) {
        showRefused(out.problems, true);
        return false;
    }
    const int vignettes = out.vignettes;
    QString error;
    if (!activateWithProgress(this, m_session, std::move(out.pack), error,
            signatureOverride ? &*signatureOverride : nullptr, out.signer)) {
        m_problems->addItem(error);
        m_problems->show();
        m_problemsLabel->show();
        Dialogs::warning(this, tr("Rule pack"), error);
        return false;
    }
    m_problemsLabel->hide();
    m_problems->hide();
    refresh();
    if (signatureOverride) {
        Dialogs::warning(this, tr("Rule pack loaded without a trusted signature"),
            tr("The site pack is active although it is not signed by a trusted key (%1). All %2 vignettes passed; "
               "%3 The override and your reason were recorded in the audit log.")
                .arg(out.signatureProblem)
                .arg(vignettes)
                .arg(casesNote(m_session)));
    } else {
        Dialogs::information(this, tr("Rule pack"),
            tr("The site pack is active: signed by the trusted key %1…; all %2 vignettes passed; %3")
                .arg(out.signer.left(16))
                .arg(vignettes)
                .arg(casesNote(m_session)));
    }
    return true;
}

bool PackDialog::useBuiltin()
{
    QString error;
    if (!activateWithProgress(this, m_session, nullptr, error)) {
        Dialogs::warning(this, tr("Rule pack"), error);
        return false;
    }
    refresh();
    if (m_session.lastReevaluation().cancelled)
        Dialogs::information(this, tr("Rule pack"), tr("The built-in pack is active; %1").arg(casesNote(m_session)));
    return true;
}

} // namespace consilium
