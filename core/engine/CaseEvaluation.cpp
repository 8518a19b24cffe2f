// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/CaseEvaluation.h"

namespace consilium {

CaseReading readCase(
    const QByteArray &bytes, const RulePack &pack, const CaseParseOptions &options, json::Document *keep)
{
    CaseReading out;
    if (!keep) { // a plainly valid case without a DOM (case/PlainCaseReader.cpp)
        if (auto plain = readPlainCase(bytes, pack, options)) {
            out.caseId = plain->id;
            out.data = std::move(plain);
            return out;
        }
    }
    json::Document local;
    json::Document &doc = keep ? *keep : local;
    const bool wellFormed = json::parseStrict(bytes, doc, out.diag, options.limits);
    // The id names the case in an error line whenever the document could be read at all (e.g. it
    // was rejected for a duplicate key).
    if (!doc.HasParseError() && doc.IsObject() && doc.HasMember("id") && doc["id"].IsString())
        out.caseId = json::toQString(doc["id"]);
    if (wellFormed)
        out.data = parseCaseValue(doc, pack, out.diag, options);
    return out;
}

CaseOutcome evaluateCase(const Engine &engine, const QByteArray &bytes, const CaseParseOptions &options)
{
    CaseReading reading = readCase(bytes, engine.pack(), options);
    CaseOutcome out;
    out.caseId = std::move(reading.caseId);
    out.diag = std::move(reading.diag);
    if (reading.data)
        out.evaluation = engine.evaluateFull(*reading.data);
    return out;
}

} // namespace consilium
