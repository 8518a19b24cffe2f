// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/CaseWorkspace.h"

#include "common/Dialogs.h"
#include "common/Labels.h"
#include "common/Session.h"
#include "compare/ComparisonView.h"
#include "compare/DrillDownDialog.h"
#include "compare/ResultText.h"
#include "compare/SiteAvailability.h"
#include "decision/DecisionPanel.h"
#include "decision/HistoryPanel.h"
#include "editor/CaseEditor.h"
#include "editor/DraftStore.h"
#include "engine/Engine.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "timeline/TimelineChart.h"
#include "toxicity/ToxicityChart.h"

#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace consilium {

CaseWorkspace::CaseWorkspace(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_doc(std::make_unique<CaseDocument>(session.pack()))
    , m_drafts(std::make_unique<DraftStore>(session.databasePath()))
{
    setObjectName(QStringLiteral("caseWorkspace"));
    m_undo = new QUndoStack(this);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("caseHeader"));
    QFont hf = m_header->font();
    hf.setBold(true);
    hf.setPointSizeF(hf.pointSizeF() * 1.15);
    m_header->setFont(hf);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_missing = new QLabel(this);
    m_missing->setObjectName(QStringLiteral("missingIndicator"));
    m_banner = noticeLabel(QStringLiteral("asOfBanner"));
    m_remote = noticeLabel(QStringLiteral("remoteChangeNotice"));
    m_remote->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("caseTabs"));
    m_compare = new ComparisonView(this);
    m_timeline = new TimelineChart(this);
    m_toxicity = new ToxicityChart(this);
    m_toxicity->setSession(&session); // the site's own outcomes beside the published rates (issue 14)
    m_decision = new DecisionPanel(session, this);
    m_history = new HistoryPanel(session, this);
    m_tabs->addTab(new QWidget, QString()); // the editor, built per pack
    m_tabs->addTab(m_compare, QString());
    m_tabs->addTab(m_timeline, QString());
    m_tabs->addTab(m_toxicity, QString());
    m_tabs->addTab(m_decision, QString());
    m_tabs->addTab(m_history, QString());
    buildEditor();
    m_tabs->setCurrentIndex(CompareTab);

    auto *head = new QHBoxLayout;
    head->addWidget(m_header, 1);
    head->addWidget(m_missing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(head);
    layout->addWidget(m_banner);
    layout->addWidget(m_remote);
    layout->addWidget(m_tabs, 1);

    m_evalTimer.setSingleShot(true);
    m_evalTimer.setInterval(25);
    m_draftTimer.setSingleShot(true);
    m_draftTimer.setInterval(1000);
    connect(&m_evalTimer, &QTimer::timeout, this, &CaseWorkspace::evaluateNow);
    connect(&m_draftTimer, &QTimer::timeout, this, &CaseWorkspace::writeDraftNow);
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean)
            m_drafts->remove(draftKey());
        m_decision->setCase(m_storedId,
            isModified() ? tr("Save the case before recording a decision: a decision is"
                              " pinned to a saved version.")
                         : QString());
        Q_EMIT modifiedChanged(!clean);
    });
    connect(m_compare, &ComparisonView::cellActivated, this, &CaseWorkspace::openDrillDown);
    connect(m_compare, &ComparisonView::optionActivated, this, &CaseWorkspace::openOptionDrillDown);
    bindSiteOptions(m_compare, session);
    connect(&session, &Session::remoteChange, this, &CaseWorkspace::remoteChange);
    // A decision recorded or changed shows in the history at once.
    connect(m_decision, &DecisionPanel::decisionChanged, m_history, &HistoryPanel::refresh);
    newCase();
}

CaseWorkspace::~CaseWorkspace()
{
    // The undo stack announces "clean" while it is destroyed: nobody here is listening any more.
    m_undo->disconnect(this);
    m_evalTimer.stop();
    m_draftTimer.stop();
    // Views hold pointers into the evaluation and the document, which are members and go
    // before QWidget deletes the children: remove the views first.
    delete m_drill;
    m_compare->setEvaluation(nullptr, nullptr, false);
    m_timeline->setEvaluation(nullptr);
    m_toxicity->setEvaluation(nullptr);
    delete m_tabs;
}

DrillDownDialog *CaseWorkspace::drillDown() const
{
    return m_drill;
}

void CaseWorkspace::buildEditor()
{
    auto *old = m_tabs->widget(DataTab);
    connect(m_doc.get(), &CaseDocument::changed, this, [this] {
        m_evalTimer.start();
        m_draftTimer.start();
    });
    connect(m_doc.get(), &CaseDocument::metaChanged, this, &CaseWorkspace::updateHeader);
    m_editor = new CaseEditor(m_doc.get(), m_undo, this);
    m_tabs->removeTab(DataTab);
    m_tabs->insertTab(DataTab, m_editor, tr("&Data"));
    delete old;
    m_editor->setReadOnly(!m_session.store().isWriter());
}

void CaseWorkspace::rebuildForPack()
{
    const QByteArray draft = m_doc->toDraft();
    const bool modified = isModified();
    m_compare->setEvaluation(nullptr, nullptr, false);
    m_timeline->setEvaluation(nullptr);
    m_toxicity->setEvaluation(nullptr);
    if (m_drill)
        m_drill->setEvaluation(nullptr, nullptr);
    m_eval.reset();
    const int tab = m_tabs->currentIndex();
    m_doc = std::make_unique<CaseDocument>(m_session.pack());
    buildEditor();
    m_tabs->setCurrentIndex(tab);
    QString error;
    m_doc->load(draft, error);
    m_undo->clear();
    if (modified)
        m_undo->resetClean();
    m_sameCase = false;
    evaluateNow();
}

bool CaseWorkspace::isModified() const
{
    return !m_undo->isClean();
}

QString CaseWorkspace::draftKey() const
{
    return m_storedId.isEmpty() ? QStringLiteral("@new") : m_storedId;
}

void CaseWorkspace::writeDraftNow()
{
    m_draftTimer.stop();
    if (isModified())
        m_drafts->write(draftKey(), m_doc->toDraft());
}

void CaseWorkspace::loadDocument(const QByteArray &json, const QString &storedId, int version)
{
    QString error;
    m_doc->load(json, error);
    m_undo->clear();
    m_storedId = storedId;
    m_version = version;
    m_sameCase = false;
    m_remote->hide();
    evaluateNow();
    m_decision->setCase(storedId);
    m_history->setCase(storedId);
    Q_EMIT caseChanged(storedId);
}

bool CaseWorkspace::openCase(const QString &caseId)
{
    if (caseId == m_storedId && !caseId.isEmpty())
        return true;
    if (!maybeSave())
        return false;
    const auto v = m_session.store().latestVersion(caseId);
    if (!v) {
        if (v.error().code == StoreErrc::NotFound)
            Dialogs::warning(this, tr("Open case"), tr("The case %1 is not in the database.").arg(caseId));
        else
            Dialogs::warning(this, tr("Open case"), v.error().message, v.error().details);
        return false;
    }
    loadDocument(v.value().content, caseId, v.value().version);
    offerDraft();
    return true;
}

void CaseWorkspace::offerDraft()
{
    const auto draft = m_drafts->read(draftKey());
    if (!draft || *draft == m_doc->toDraft())
        return;
    const auto answer = Dialogs::question(this, tr("Recovered edits"),
        tr("Unsaved edits of %1 were kept from an earlier session. Restore them?")
            .arg(m_storedId.isEmpty() ? tr("a new case") : m_storedId),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes) {
        m_drafts->remove(draftKey());
        return;
    }
    QString error;
    m_doc->load(*draft, error);
    m_undo->clear();
    m_undo->resetClean();
    evaluateNow();
}

bool CaseWorkspace::openFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Dialogs::warning(this, tr("Open case file"), tr("Cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    const QByteArray bytes = f.read(qint64(4) * 1024 * 1024);
    if (!maybeSave())
        return false;
    CaseDocument probe(m_session.pack());
    QString error;
    if (!probe.load(bytes, error)) {
        Dialogs::warning(this, tr("Open case file"), tr("%1 is not a case file: %2").arg(path, error));
        return false;
    }
    return openDocument(bytes, probe, true);
}

bool CaseWorkspace::openDraft(const QByteArray &json)
{
    if (!maybeSave())
        return false;
    CaseDocument probe(m_session.pack());
    QString error;
    if (!probe.load(json, error)) {
        Dialogs::warning(this, tr("Open case file"), error);
        return false;
    }
    return openDocument(json, probe, false);
}

bool CaseWorkspace::openDocument(const QByteArray &bytes, const CaseDocument &probe, bool versionOfStored)
{
    const QString id = probe.caseId();
    const bool known = versionOfStored && !id.isEmpty() && m_session.store().caseSummary(id).has_value();
    loadDocument(bytes, known ? id : QString(), 0);
    m_undo->resetClean(); // not saved yet
    m_tabs->setCurrentIndex(DataTab);
    return true;
}

void CaseWorkspace::newCase()
{
    if (!m_undo->isClean() && !maybeSave())
        return;
    m_doc->reset(tr("new-case"), m_session.today(), AppSettings::jurisdiction());
    m_undo->clear();
    m_storedId.clear();
    m_version = 0;
    m_sameCase = false;
    evaluateNow();
    m_decision->setCase(QString());
    m_history->setCase(QString());
    Q_EMIT caseChanged(QString());
}

bool CaseWorkspace::save()
{
    evaluateNow();
    if (!m_validation.ok()) {
        Dialogs::warning(this, tr("Cannot save"), tr("The case has problems. Fix the marked fields first."),
            m_validation.allProblems);
        m_tabs->setCurrentIndex(DataTab);
        return false;
    }
    // The version records who saved it: on first use, ask for the name before the first save.
    if (!IdentityDialog::ensure(this, m_session))
        return false;
    const QString oldKey = draftKey();
    // A case opened from the database is saved on the version it was opened at: a version
    // saved meanwhile on another workstation is a conflict, never overwritten (issue 13).
    const std::optional<int> basedOn
        = !m_storedId.isEmpty() && m_version > 0 ? std::optional<int>(m_version) : std::nullopt;
    const auto saved = m_session.saveCaseBasedOn(m_doc->toJson(), basedOn);
    if (!saved) {
        writeDraftNow(); // whatever happened, the edits stay on this workstation
        if (saved.error().code == StoreErrc::Conflict) {
            resolveConflict(saved.error());
        } else {
            Dialogs::warning(this, tr("Cannot save"),
                saved.error().code == StoreErrc::InvalidCase ? tr("The database refused the case.")
                                                             : saved.error().message,
                saved.error().details);
        }
        return false;
    }
    const SaveOutcome &out = saved.value();
    m_drafts->remove(oldKey);
    m_storedId = out.caseId;
    m_version = out.version;
    m_drafts->remove(draftKey());
    m_undo->setClean();
    m_decision->setCase(m_storedId);
    m_history->setCase(m_storedId);
    updateHeader();
    Q_EMIT caseSaved(m_storedId);
    return true;
}

bool CaseWorkspace::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = Dialogs::question(this, tr("Unsaved changes"),
        tr("%1 has unsaved changes. Save them as a new version?")
            .arg(m_doc->caseId().isEmpty() ? tr("The case") : m_doc->caseId()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        discardChanges();
        return true;
    }
    return false;
}

void CaseWorkspace::discardChanges()
{
    m_drafts->remove(draftKey());
    m_undo->setClean();
    if (!m_storedId.isEmpty()) {
        if (const auto v = m_session.store().latestVersion(m_storedId)) {
            loadDocument(v.value().content, m_storedId, v.value().version);
            return;
        }
    }
    m_undo->clear();
}

void CaseWorkspace::evaluateNow()
{
    m_evalTimer.stop();
    m_validation = m_doc->validate();
    m_editor->applyValidation(m_validation);
    std::unique_ptr<Evaluation> next;
    if (m_validation.data)
        next = std::make_unique<Evaluation>(m_session.engine().evaluateFull(*m_validation.data));
    const Engine *engine = &m_session.engine();
    // Point every view at the new result before the old one goes.
    m_compare->setEvaluation(engine, next.get(), m_sameCase);
    m_timeline->setEvaluation(next.get());
    m_toxicity->setEvaluation(next.get());
    m_editor->applyEvaluation(next.get());
    if (m_drill)
        m_drill->setEvaluation(engine, next.get());
    m_eval = std::move(next);
    m_sameCase = true;
    updateHeader();
    Q_EMIT evaluated();
}

QString CaseWorkspace::headerText() const
{
    QStringList parts;
    parts << (m_doc->caseId().isEmpty() ? tr("(no id)") : m_doc->caseId());
    const FactEntry sex = m_doc->fact(QStringLiteral("sex"));
    const FactEntry age = m_doc->fact(QStringLiteral("age_years"));
    QString who;
    if (sex.state == FactEntry::State::Value)
        who = sex.text == QLatin1String("female") ? tr("F") : tr("M");
    if (age.state == FactEntry::State::Value)
        who += (who.isEmpty() ? QString() : QStringLiteral(" ")) + age.text;
    if (!who.isEmpty())
        parts << who;
    const FactEntry disease = m_doc->fact(QStringLiteral("disease"));
    if (disease.state == FactEntry::State::Value) {
        QString d = disease.text;
        const FactEntry ln = m_doc->fact(QStringLiteral("lupus_nephritis_class"));
        if (ln.state == FactEntry::State::Value && ln.text != QLatin1String("none"))
            d += QStringLiteral(", ") + tr("class %1 LN").arg(ln.text);
        for (const char *score : { "sledai_2k", "mrss" }) {
            const FactEntry s = m_doc->fact(QLatin1String(score));
            if (s.state == FactEntry::State::Value) {
                const int vi = m_session.pack().variableIndex(QLatin1String(score));
                d += QStringLiteral(", ") + m_session.pack().variables()[std::size_t(vi)].label + QLatin1Char(' ')
                    + s.text;
            }
        }
        parts << d;
    }
    if (m_doc->asOf().isValid())
        parts << tr("as of %1").arg(ResultText::date(m_doc->asOf()));
    parts << Labels::jurisdiction(m_doc->meta(QStringLiteral("jurisdiction")));
    if (!m_storedId.isEmpty())
        parts << tr("version %1").arg(m_version);
    return parts.join(QStringLiteral(" · "));
}

void CaseWorkspace::updateHeader()
{
    m_header->setText(headerText() + (isModified() ? QStringLiteral(" *") : QString()));
    m_header->setAccessibleName(m_header->text());
    const int missing = m_eval ? int(m_eval->whatWouldChange().size()) : 0;
    if (!m_eval) {
        m_missing->setText(
            QStringLiteral("✕ ") + tr("%n problem(s) in the data", nullptr, int(m_validation.allProblems.size())));
    } else if (missing > 0) {
        m_missing->setText(QStringLiteral("⚠ ") + tr("%n missing", nullptr, missing));
    } else {
        m_missing->setText(QStringLiteral("✓ ") + tr("nothing missing"));
    }
    m_missing->setToolTip(
        m_eval ? ResultText::whatWouldChange(*m_eval, 20) : m_validation.allProblems.join(QLatin1Char('\n')));
    const QDate asOf = m_doc->asOf();
    const QDate today = m_session.today();
    if (asOf.isValid() && asOf != today) {
        m_banner->setText(QStringLiteral("⚠ ")
            + tr("As of %1, not today (%2): ages, washouts and earliest start dates count from"
                 " the as-of date.")
                  .arg(ResultText::date(asOf), ResultText::date(today)));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    const QStringList titles
        = { tr("&Data"), tr("&Compare"), tr("&Timeline"), tr("To&xicity"), tr("D&ecision"), tr("&History") };
    for (int i = 0; i < titles.size(); ++i)
        m_tabs->setTabText(i, titles[i]);
    const int problems = int(m_validation.allProblems.size());
    if (problems > 0)
        m_tabs->setTabText(DataTab, tr("&Data (%n problem(s))", nullptr, problems));
}

// A hidden, word-wrapped line in the tool-tip colours above the tabs (the as-of banner, the
// notice of another workstation's change).
QLabel *CaseWorkspace::noticeLabel(const QString &objectName)
{
    auto *label = new QLabel(this);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setMargin(6);
    label->setAutoFillBackground(true);
    QPalette p = label->palette();
    p.setColor(QPalette::Window, p.color(QPalette::ToolTipBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::ToolTipText));
    label->setPalette(p);
    label->hide();
    return label;
}

void CaseWorkspace::remoteChange(const StoreChange &change)
{
    if (m_storedId.isEmpty())
        return;
    // A decision's audit row names the decision, not its case: re-reading the open case's
    // decision and history is two small queries.
    if (change.objectType == QLatin1String("decision") || change.objectType == QLatin1String("conference")) {
        m_decision->refresh();
        m_history->refresh();
        return;
    }
    if (change.objectType != QLatin1String("case") || change.objectId != m_storedId)
        return;
    const QDateTime when = QDateTime::fromString(change.at, Qt::ISODateWithMs);
    const QString at = when.isValid() ? QLocale().toString(when.toLocalTime(), QLocale::ShortFormat) : change.at;
    const auto latest = m_session.store().latestVersion(m_storedId);
    if (change.action == QLatin1String("case.version_added") && latest && latest.value().version != m_version) {
        const int theirs = latest.value().version;
        if (!isModified()) {
            const int tab = m_tabs->currentIndex();
            loadDocument(latest.value().content, m_storedId, theirs);
            m_tabs->setCurrentIndex(tab);
            showRemoteNotice(tr("%1 saved version %2 of this case at %3 on another workstation; it is shown now.")
                                 .arg(change.by)
                                 .arg(theirs)
                                 .arg(at));
        } else {
            writeDraftNow();
            showRemoteNotice(tr("%1 saved version %2 of this case at %3 on another workstation, while you were "
                                "editing version %4. Your unsaved edits are kept (also as a local draft); when you "
                                "save, Consilium shows what differs so that you can re-apply them to version %2.")
                                 .arg(change.by)
                                 .arg(theirs)
                                 .arg(at)
                                 .arg(m_version));
        }
    } else if (change.action == QLatin1String("purge")
        || (latest.has_error() && latest.error().code == StoreErrc::NotFound)) {
        writeDraftNow();
        showRemoteNotice(tr("%1 removed this case from the database at %2. Your edits, if any, are kept as a local "
                            "draft.")
                             .arg(change.by, at));
    }
    m_history->refresh();
}

void CaseWorkspace::showRemoteNotice(const QString &text)
{
    m_remote->setText(QStringLiteral("ⓘ ") + text);
    m_remote->show();
}

QString CaseWorkspace::remoteNotice() const
{
    return m_remote->isHidden() ? QString() : m_remote->text();
}

void CaseWorkspace::openDrillDown(int arm, int row)
{
    if (!m_drill)
        m_drill = new DrillDownDialog(this);
    m_drill->setEvaluation(m_eval ? &m_eval->engine() : nullptr, m_eval.get());
    m_drill->showArm(arm, row);
    m_drill->show();
    m_drill->raise();
    m_drill->activateWindow();
}

void CaseWorkspace::openOptionDrillDown(int option)
{
    if (!m_drill)
        m_drill = new DrillDownDialog(this);
    m_drill->setEvaluation(m_eval ? &m_eval->engine() : nullptr, m_eval.get());
    m_drill->showOption(option);
    m_drill->show();
    m_drill->raise();
    m_drill->activateWindow();
}

void CaseWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // The views hold text made from the result: make it again in the new language, now,
        // not when the case is next selected (not marked as changed: only the words changed).
        m_sameCase = false;
        evaluateNow();
    }
    if (event->type() == QEvent::PaletteChange)
        updateHeader();
    QWidget::changeEvent(event);
}

} // namespace consilium
