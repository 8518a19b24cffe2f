// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "json/StrictJson.h"

#include <QByteArray>
#include <QString>

namespace consilium {

// Compact JSON in the document's own member order (how case versions are stored).
QByteArray compactJson(const json::Value &v);
// Two-space indented JSON in member order (how cases are exported).
QByteArray prettyJson(const json::Value &v);
// Members sorted by key, compact: the form that is hashed, so equal values hash equally.
QByteArray canonicalJson(const json::Value &v);
// Structural equality: member order is ignored, 1 equals 1.0.
bool jsonEqual(const json::Value &a, const json::Value &b);
// Parses JSON the store wrote itself (no size limit beyond SQLite's).
bool parseStored(const QByteArray &bytes, json::Document &doc);

QString sha256Hex(const QByteArray &bytes);

} // namespace consilium
