// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace consilium {

// Paints comparison cells: the verdict row with its tint (hatched and dashed when
// undetermined: visibly unfinished), multi-line text, and a "changed" marker on cells that
// moved with the last edit. Colour never stands alone: the glyph and the text say it too.
class VerdictDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace consilium
