// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

#include <vector>

namespace consilium {

class Session;
namespace json {
struct Finding;
}

// The active rule pack (version, dates, sign-off, authors, sources, "validated on N
// vignettes") and the import of a site pack from a file, refused with its reasons. A pack
// refused only because it is not signed by a trusted key may be loaded through an explicit,
// audited override (SignatureOverrideDialog, run through Dialogs::exec).
class PackDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PackDialog(Session &session, QWidget *parent = nullptr);

    // Imports a pack file; returns true if it became the active pack.
    bool importFile(const QString &path);
    bool useBuiltin();
    QStringList problems() const;
    // Each item of the problem list (object name "packProblems") carries its finding's JSON path
    // (empty: the pack as a whole) and code (json::FindingCode) in these roles.
    enum ProblemRole : int { PathRole = Qt::UserRole + 1, CodeRole };

private:
    void refresh();
    void showRefused(const std::vector<json::Finding> &problems, bool messageBox);

    Session &m_session;
    QTextBrowser *m_info = nullptr;
    QLabel *m_badge = nullptr;
    QLabel *m_signatureWarning = nullptr;
    QListWidget *m_problems = nullptr;
    QLabel *m_problemsLabel = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_builtin = nullptr;
};

} // namespace consilium
