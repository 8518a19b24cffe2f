// SPDX-License-Identifier: GPL-3.0-or-later
// No lost update in the editor (issue 13, docs/store.md#concurrent-writers): when a save is
// refused because another workstation saved a newer version, the user sees item by item what
// they changed and what the other version changed, and may re-apply their edits to the newer
// version (CaseMerge). Nothing is saved until they save again; the edits are a local draft
// all along.
#include "shell/CaseWorkspace.h"

#include "case/CaseMerge.h"
#include "common/Dialogs.h"
#include "common/Session.h"
#include "compare/ResultText.h"
#include "editor/CaseDocument.h"
#include "rules/PackTexts.h"
#include "rules/RulePack.h"

#include <QTabWidget>
#include <QUndoStack>

namespace consilium {

namespace {

QString itemLabel(const RulePack &pack, const QString &key)
{
    if (!key.startsWith(QLatin1String("facts.")))
        return key;
    const QString var = key.mid(6);
    const int i = pack.variableIndex(var);
    return i >= 0
        ? ResultText::packText(pack, textKey(u"variable", var, u"label"), pack.variables()[std::size_t(i)].label)
        : var;
}

} // namespace

void CaseWorkspace::resolveConflict(const StoreError &error)
{
    const auto latest = m_session.store().latestVersion(m_storedId);
    const auto all = m_session.store().versions(m_storedId, true);
    QByteArray base;
    if (all)
        for (const CaseVersion &v : all.value())
            if (v.version == m_version)
                base = v.content;
    if (!latest || base.isEmpty()) {
        Dialogs::warning(
            this, tr("Not saved"), error.message + QLatin1Char('\n') + tr("Your edits are kept as a local draft."));
        return;
    }
    const int theirs = latest.value().version;
    const CaseMerge merge = CaseMerge::of(base, m_doc->toJson(), latest.value().content);
    QStringList lines;
    for (const CaseMerge::Item &item : merge.items) {
        const QString label = itemLabel(m_session.pack(), item.key);
        if (item.clash())
            lines << tr("%1: yours %2, version %3 has %4 (was %5)")
                         .arg(label, CaseMerge::brief(item.mine))
                         .arg(theirs)
                         .arg(CaseMerge::brief(item.theirs), CaseMerge::brief(item.base));
        else if (item.changedByMe())
            lines << tr("%1: yours %2 (not changed in version %3)").arg(label, CaseMerge::brief(item.mine)).arg(theirs);
        else
            lines << tr("%1: version %2 has %3 (you did not change it)")
                         .arg(label)
                         .arg(theirs)
                         .arg(CaseMerge::brief(item.theirs));
    }
    const QString text = error.message + QStringLiteral("\n\n")
        + tr("What differs from version %1, which you opened:").arg(m_version) + QLatin1Char('\n')
        + lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n")
        + tr("Re-apply your changes to version %1? Items you changed replace those of version %1; the rest "
             "stays as in version %1. Nothing is saved until you save again. No: keep editing version %2 "
             "(your edits stay a local draft).")
              .arg(theirs)
              .arg(m_version);
    const auto answer = Dialogs::question(
        this, tr("Saved meanwhile on another workstation"), text, QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
    if (answer != QMessageBox::Yes || !merge.error.isEmpty())
        return;
    // Version `theirs` becomes the base, with the edits on top: unsaved, reviewed before saving.
    const int tab = m_tabs->currentIndex();
    loadDocument(latest.value().content, m_storedId, theirs);
    QString loadError;
    m_doc->load(merge.merged, loadError);
    m_undo->clear();
    m_undo->resetClean();
    evaluateNow();
    writeDraftNow();
    m_tabs->setCurrentIndex(tab);
    showRemoteNotice(tr("Your changes were re-applied to version %1. Review them, then save.").arg(theirs));
}

} // namespace consilium
