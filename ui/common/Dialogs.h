// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMessageBox>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QDialog;
class QWidget;

namespace consilium {

// Every modal interaction goes through here, so tests can script answers instead of running
// a real modal loop (the seam of KeePassXC's MessageBox::setNextAnswer).
class Dialogs
{
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
        QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton);
    static void information(QWidget *parent, const QString &title, const QString &text);
    static void warning(QWidget *parent, const QString &title, const QString &text, const QStringList &details = {});

    static QString openFileName(QWidget *parent, const QString &title, const QString &filter, const QString &dir = {});
    static QString saveFileName(QWidget *parent, const QString &title, const QString &filter, const QString &dir = {});

    // Runs a dialog modally; in scripted mode the hook decides the result instead.
    static int exec(QDialog *dialog);

    // Test seam: queue answers. While anything is queued (or the hooks are set) nothing is shown.
    static void setNextAnswer(QMessageBox::StandardButton answer);
    static void setNextFileName(const QString &fileName);
    static void setExecHook(std::function<int(QDialog *)> hook);
    static void setScripted(bool scripted);
    static bool isScripted();
    // The last message shown (or suppressed), for tests.
    static QString lastMessage();
    static void reset();
};

} // namespace consilium
