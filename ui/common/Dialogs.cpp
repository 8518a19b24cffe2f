// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Dialogs.h"

#include <QDialog>
#include <QFileDialog>
#include <QQueue>

namespace consilium {

namespace {

struct Script {
    bool scripted = false;
    QQueue<QMessageBox::StandardButton> answers;
    QQueue<QString> fileNames;
    std::function<int(QDialog *)> execHook;
    QString lastMessage;
};

Script &script()
{
    static Script s;
    return s;
}

QString takeFileName()
{
    return script().fileNames.isEmpty() ? QString() : script().fileNames.dequeue();
}

} // namespace

QMessageBox::StandardButton Dialogs::question(QWidget *parent, const QString &title, const QString &text,
    QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)
{
    script().lastMessage = text;
    if (!script().answers.isEmpty())
        return script().answers.dequeue();
    if (script().scripted)
        return defaultButton;
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

void Dialogs::information(QWidget *parent, const QString &title, const QString &text)
{
    script().lastMessage = text;
    if (script().scripted || !script().answers.isEmpty()) {
        if (!script().answers.isEmpty())
            script().answers.dequeue();
        return;
    }
    QMessageBox::information(parent, title, text);
}

void Dialogs::warning(QWidget *parent, const QString &title, const QString &text, const QStringList &details)
{
    script().lastMessage = details.isEmpty() ? text : text + QLatin1Char('\n') + details.join(QLatin1Char('\n'));
    if (script().scripted || !script().answers.isEmpty()) {
        if (!script().answers.isEmpty())
            script().answers.dequeue();
        return;
    }
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    if (!details.isEmpty())
        box.setDetailedText(details.join(QLatin1Char('\n')));
    box.exec();
}

QString Dialogs::openFileName(QWidget *parent, const QString &title, const QString &filter, const QString &dir)
{
    if (script().scripted || !script().fileNames.isEmpty())
        return takeFileName();
    return QFileDialog::getOpenFileName(parent, title, dir, filter);
}

QString Dialogs::saveFileName(QWidget *parent, const QString &title, const QString &filter, const QString &dir)
{
    if (script().scripted || !script().fileNames.isEmpty())
        return takeFileName();
    return QFileDialog::getSaveFileName(parent, title, dir, filter);
}

int Dialogs::exec(QDialog *dialog)
{
    if (script().execHook)
        return script().execHook(dialog);
    if (script().scripted)
        return QDialog::Rejected;
    return dialog->exec();
}

void Dialogs::setNextAnswer(QMessageBox::StandardButton answer)
{
    script().answers.enqueue(answer);
}
void Dialogs::setNextFileName(const QString &fileName)
{
    script().fileNames.enqueue(fileName);
}
void Dialogs::setExecHook(std::function<int(QDialog *)> hook)
{
    script().execHook = std::move(hook);
}
void Dialogs::setScripted(bool scripted)
{
    script().scripted = scripted;
}
bool Dialogs::isScripted()
{
    return script().scripted;
}
QString Dialogs::lastMessage()
{
    return script().lastMessage;
}
void Dialogs::reset()
{
    script() = Script {};
}

} // namespace consilium
