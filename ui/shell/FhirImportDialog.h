// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QDialog>

class QLabel;
class QPlainTextEdit;

namespace consilium {

class CaseWorkspace;
class RulePack;

// File → Import from FHIR… (docs/cli.md#import-fhir): the import report of a FHIR R4 bundle,
// shown beside the draft it opened in the case editor (unsaved, for review before the first save).
class FhirImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FhirImportDialog(QWidget *parent = nullptr);

    // Imports `path` with the active pack's codes, as of `today`; opens the draft in `workspace`
    // and shows the report (non-modal). Returns the dialog, or nullptr when nothing was opened
    // (the bundle could not be read: a warning names why).
    static FhirImportDialog *importFile(
        QWidget *parent, CaseWorkspace &workspace, const RulePack &pack, QDate today, const QString &path);

private:
    QLabel *m_summary = nullptr;
    QPlainTextEdit *m_report = nullptr;
};

} // namespace consilium
