// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"

#include <QBrush>
#include <QColor>
#include <QIcon>
#include <QPalette>

namespace consilium {

// Colour and icon of a verdict. Colour always comes with a glyph and text; the tints follow
// the palette so dark themes stay readable. Undetermined is hatched: visibly unfinished.
class VerdictStyle
{
public:
    static QColor accent(Verdict v, const QPalette &palette);
    static QBrush background(Verdict v, const QPalette &palette);
    static QIcon icon(Verdict v);
    static QIcon stateIcon(CriterionState s);
    static bool isDark(const QPalette &palette);
};

} // namespace consilium
