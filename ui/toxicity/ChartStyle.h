// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>

// What the two toxicity charts share (ToxicityChart: published autoimmune vs oncology rates;
// LocalOutcomes: this site vs the autoimmune cohort), so that they read alike side by side.
namespace consilium::chartstyle {

// The published autoimmune cohort's bars.
inline const QColor kAidColour(0x1e, 0x88, 0xe5);
// Of a category; its two bars share it.
inline constexpr qreal kBarWidth = 0.7;
// The value axis's top: room above 100 % for the labels; ticks stop at 100.
inline constexpr qreal kAxisTop = 115;

} // namespace consilium::chartstyle
