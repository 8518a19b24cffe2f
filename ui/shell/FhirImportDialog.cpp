// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/FhirImportDialog.h"
#include "common/Dialogs.h"
#include "exchange/FhirImport.h"
#include "rules/RulePack.h"
#include "shell/CaseWorkspace.h"

#include <QDate>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace consilium {

FhirImportDialog::FhirImportDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("fhirImportDialog"));
    setWindowTitle(tr("FHIR import report"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("fhirImportSummary"));
    m_summary->setWordWrap(true);
    // The report itself is the engine's English text, like the command line's (docs/cli.md#import-fhir).
    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(QStringLiteral("fhirImportReport"));
    m_report->setReadOnly(true);
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_report, 1);
    layout->addWidget(buttons);
    resize(900, 500);
}

FhirImportDialog *FhirImportDialog::importFile(
    QWidget *parent, CaseWorkspace &workspace, const RulePack &pack, QDate today, const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Dialogs::warning(parent, tr("Import from FHIR"), tr("Cannot read %1: %2").arg(path, f.errorString()));
        return nullptr;
    }
    fhir::ImportOptions options;
    options.asOf = today;
    options.asOfIsDefault = true;
    // A new case each time: the id never names a stored case (the user may change it before saving).
    options.caseId
        = QStringLiteral("fhir-import-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const fhir::ImportResult result = fhir::importBundle(f.readAll(), pack, pack.codes(), options);
    if (!result.ok()) {
        Dialogs::warning(parent, tr("Import from FHIR"), tr("%1 cannot be imported.").arg(path), result.fatal.lines());
        return nullptr;
    }
    if (!workspace.openDraft(result.draft))
        return nullptr;
    auto *dialog = new FhirImportDialog(parent);
    dialog->m_summary->setText(
        tr("The draft is open in the case editor and not saved. %1 values were imported, %2 ignored, %3 could not be "
           "read (errors). Review the draft against this report before saving.")
            .arg(result.count(fhir::ImportItem::Outcome::Mapped))
            .arg(result.count(fhir::ImportItem::Outcome::Ignored))
            .arg(result.count(fhir::ImportItem::Outcome::Error)));
    dialog->m_report->setPlainText(fhir::reportText(result));
    dialog->show();
    return dialog;
}

} // namespace consilium
