// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db follow-up|due|registry-extract`: the follow-up of finalised decisions
// (issue 14; docs/cli.md#db-follow-up, docs/store.md#follow-up, docs/registry.md).
#include "Commands.h"
#include "DbCommand.h"
#include "rules/RulePack.h"
#include "store/FollowUps.h"

#include "json/StrictJson.h"

#include <QSaveFile>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium::cli {

namespace {

// The options that set one field of the record, by option name.
struct FieldOption {
    const char *name;
    const char *description;
    const char *valueName;
};

const std::vector<FieldOption> &recordOptions()
{
    static const std::vector<FieldOption> list {
        { "treated-on", "Carried out: the infusion or start date.", "YYYY-MM-DD" },
        { "arm", "Carried out: the arm (or sub-option, standard_care/ahsct) given.", "ARM" },
        { "option", "Carried out: the option (product or trial) id of that arm.", "OPTION" },
        { "lot", "Carried out: the lot number or trial id.", "TEXT" },
        { "lymphodepletion", "Carried out: the lymphodepletion regimen, e.g. Flu/Cy.", "TEXT" },
        { "reason", "Not carried out: the reason code.", "CODE" },
        { "text", "Not carried out: the reason in words.", "TEXT" },
    };
    return list;
}

const std::vector<FieldOption> &outcomeOptions()
{
    static const std::vector<FieldOption> list {
        { "assessed-on", "With --day: the day the outcomes were assessed.", "YYYY-MM-DD" },
        { "crs-grade", "With --day: highest CRS grade (ASTCT 0-5).", "N" },
        { "crs-onset", "With --day: CRS onset.", "YYYY-MM-DD" },
        { "crs-resolved", "With --day: CRS resolution.", "YYYY-MM-DD" },
        { "icans-grade", "With --day: highest ICANS grade (ASTCT 0-5).", "N" },
        { "icans-onset", "With --day: ICANS onset.", "YYYY-MM-DD" },
        { "icans-resolved", "With --day: ICANS resolution.", "YYYY-MM-DD" },
        { "icaht-grade", "With --day: ICAHT grade (0-4).", "N" },
        { "infection", "With --day: an infection of grade 3 or more: yes, no or unknown.", "yes|no|unknown" },
        { "infection-text", "With --day: the infection in words.", "TEXT" },
        { "response", "With --day: the response code.", "CODE" },
        { "died", "With --day: the patient died: yes, no or unknown.", "yes|no|unknown" },
        { "death-date", "With --day: the date of death.", "YYYY-MM-DD" },
    };
    return list;
}

// "yes"/"no"/"unknown" (nullopt); false when the text is none of them.
bool toFlag(const QString &text, std::optional<bool> &flag)
{
    if (text == QLatin1String("yes") || text == QLatin1String("no")) {
        flag = text == QLatin1String("yes");
        return true;
    }
    flag.reset();
    return text == QLatin1String("unknown");
}

class FollowUpCommand : public DbCommand
{
public:
    FollowUpCommand()
        : DbCommand(QStringLiteral("follow-up"),
            QStringLiteral("Record the follow-up of a finalised decision (audited), or --show it."))
    {
        addArgument(QStringLiteral("DECISION_ID"), QStringLiteral("The finalised decision."));
        addOption({ QStringLiteral("show"), QStringLiteral("Print the latest record as JSON (and nothing else).") });
        addOption({ QStringLiteral("history"), QStringLiteral("With --show: every record, oldest first.") });
        addOption(valued("json", "The whole record from a consilium-follow-up/1 file.", "FILE"), Kind::File);
        addOption(valued("status",
            "A new record: carried-out or not-carried-out (without it the latest "
            "record is amended).",
            "carried-out|not-carried-out"));
        for (const FieldOption &o : recordOptions())
            addOption(valued(o.name, o.description, o.valueName));
        addOption(valued("day", "The time point the outcome options below are for: 28 or 100.", "N"));
        for (const FieldOption &o : outcomeOptions())
            addOption(valued(o.name, o.description, o.valueName));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        qint64 id = 0;
        if (!toId(args[0], id))
            return usageError(QStringLiteral("follow-up needs DECISION_ID"));
        int code = Ok;
        if (p.isSet(QStringLiteral("show"))) {
            CaseStore *store = s.store(false, code);
            return store ? show(*store, id, p.isSet(QStringLiteral("history"))) : code;
        }
        FollowUp record;
        if (p.isSet(QStringLiteral("json"))) {
            if (const QString problem = fromFile(p, id, record, code); !problem.isEmpty()) {
                if (code == Usage)
                    return usageError(problem);
                err(problem);
                return code;
            }
        }
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        FollowUps followUps(*store);
        if (!p.isSet(QStringLiteral("json"))) {
            if (const QString problem = fromOptions(p, followUps, id, record, code); !problem.isEmpty())
                return code == Usage ? usageError(problem) : code;
        }
        const auto recorded = followUps.record(record);
        if (!recorded)
            return report(recorded.error());
        outLine(QStringLiteral("follow-up %1 recorded for decision %2 (%3)")
                    .arg(recorded.value())
                    .arg(id)
                    .arg(followUpStatusName(record.status)));
        return Ok;
    }

private:
    static int show(CaseStore &store, qint64 id, bool history)
    {
        FollowUps followUps(store);
        const auto all = followUps.history(id);
        if (!all)
            return report(all.error());
        if (all.value().empty() && !history) {
            err(QStringLiteral("consilium-cli db: decision %1 has no follow-up record").arg(id));
            return Failed;
        }
        if (!history) {
            out(followUpToJson(all.value().back()) + '\n');
            return Ok;
        }
        QByteArrayList records;
        for (const FollowUp &f : all.value())
            records << followUpToJson(f);
        out('[' + records.join(',') + "]\n");
        return Ok;
    }

    // The record of --json FILE; its decision_id, when given, must be DECISION_ID.
    static QString fromFile(const QCommandLineParser &p, qint64 id, FollowUp &record, int &code)
    {
        for (const QString &name : p.optionNames()) {
            if (name != QLatin1String("json") && name != QLatin1String("db") && name != QLatin1String("as")) {
                code = Usage;
                return QStringLiteral("--json gives the whole record; --%1 cannot be combined with it").arg(name);
            }
        }
        QByteArray bytes;
        if (!readFile(p.value(QStringLiteral("json")), bytes)) {
            code = NoInput;
            return QStringLiteral("consilium-cli db: nothing was recorded");
        }
        QStringList errors;
        auto parsed = followUpFromJson(bytes, errors);
        if (!parsed) {
            code = BadCase;
            return errors.join(QLatin1Char('\n'));
        }
        if (parsed->decisionId != 0 && parsed->decisionId != id) {
            code = Usage;
            return QStringLiteral("the file is for decision %1, not %2").arg(parsed->decisionId).arg(id);
        }
        record = std::move(*parsed);
        record.decisionId = id;
        return {};
    }

    // A new record (--status) or the latest one amended, with the options given.
    static QString fromOptions(
        const QCommandLineParser &p, FollowUps &followUps, qint64 id, FollowUp &record, int &code)
    {
        code = Usage;
        if (p.isSet(QStringLiteral("status"))) {
            const QString status = p.value(QStringLiteral("status"));
            if (status != QLatin1String("carried-out") && status != QLatin1String("not-carried-out"))
                return QStringLiteral("--status must be carried-out or not-carried-out");
            record.status
                = status == QLatin1String("carried-out") ? FollowUpStatus::CarriedOut : FollowUpStatus::NotCarriedOut;
        } else {
            const auto latest = followUps.latest(id);
            if (!latest) { // reported here; the caller returns the code
                code = report(latest.error());
                return latest.error().message;
            }
            if (!latest.value())
                return QStringLiteral("decision %1 has no follow-up yet: give --status").arg(id);
            record = *latest.value();
        }
        record.decisionId = id;
        QString *fields[] = { &record.treatedOn, &record.arm, &record.option, &record.lotOrTrialId,
            &record.lymphodepletion, &record.notCarriedReason, &record.notCarriedText };
        for (std::size_t i = 0; i < recordOptions().size(); ++i) {
            const QString name = QLatin1String(recordOptions()[i].name);
            if (p.isSet(name))
                *fields[i] = p.value(name);
        }
        return outcomeFromOptions(p, record);
    }

    static QString outcomeFromOptions(const QCommandLineParser &p, FollowUp &record)
    {
        const bool anyOutcome = std::any_of(outcomeOptions().begin(), outcomeOptions().end(),
            [&p](const FieldOption &o) { return p.isSet(QLatin1String(o.name)); });
        if (!p.isSet(QStringLiteral("day")))
            return anyOutcome ? QStringLiteral("the outcome options need --day 28 or --day 100") : QString();
        bool ok = false;
        const int day = p.value(QStringLiteral("day")).toInt(&ok);
        if (!ok || !FollowUps::outcomeDays().contains(day))
            return QStringLiteral("--day must be 28 or 100");
        auto it = std::find_if(
            record.outcomes.begin(), record.outcomes.end(), [day](const FollowUpOutcome &o) { return o.day == day; });
        if (it == record.outcomes.end()) {
            record.outcomes.push_back({});
            it = record.outcomes.end() - 1;
            it->day = day;
        }
        FollowUpOutcome &o = *it;
        QString *texts[] = { &o.assessedOn, &o.crs.grade, &o.crs.onset, &o.crs.resolved, &o.icans.grade, &o.icans.onset,
            &o.icans.resolved, &o.icahtGrade, nullptr, &o.infectionText, &o.response, nullptr, &o.deathDate };
        for (std::size_t i = 0; i < outcomeOptions().size(); ++i) {
            const QString name = QLatin1String(outcomeOptions()[i].name);
            if (p.isSet(name) && texts[i])
                *texts[i] = p.value(name);
        }
        if (p.isSet(QStringLiteral("infection"))
            && !toFlag(p.value(QStringLiteral("infection")), o.infectionGrade3plus))
            return QStringLiteral("--infection must be yes, no or unknown");
        if (p.isSet(QStringLiteral("died")) && !toFlag(p.value(QStringLiteral("died")), o.died))
            return QStringLiteral("--died must be yes, no or unknown");
        return {};
    }
};

QByteArray dueJson(const std::vector<FollowUps::Due> &items, const QDate &asOf)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto str = [&w](const QString &s) {
        const QByteArray u = s.toUtf8();
        w.String(u.constData(), rapidjson::SizeType(u.size()));
    };
    w.StartObject();
    w.Key("format");
    w.String("consilium-due/1");
    w.Key("as_of");
    str(asOf.toString(Qt::ISODate));
    w.Key("items");
    w.StartArray();
    for (const FollowUps::Due &d : items) {
        w.StartObject();
        w.Key("decision_id");
        w.Int64(d.decisionId);
        w.Key("case_id");
        str(d.caseId);
        w.Key("finalised_at");
        str(d.finalisedAt);
        w.Key("treated_on");
        if (d.treatedOn.isEmpty())
            w.Null();
        else
            str(d.treatedOn);
        w.Key("what");
        str(d.what);
        w.Key("due_on");
        str(d.dueOn);
        w.Key("overdue");
        w.Bool(d.overdue);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())) + '\n';
}

class DueCommand : public DbCommand
{
public:
    DueCommand()
        : DbCommand(QStringLiteral("due"),
            QStringLiteral("Finalised decisions whose follow-up or day 28 / day 100 outcomes are due."))
    {
        addOption(valued("as-of", "The day to count from (default: today).", "YYYY-MM-DD"));
        addOption({ QStringLiteral("format"), QStringLiteral("Output: text (default) or json."),
            QStringLiteral("text|json"), QStringLiteral("text") });
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &) override
    {
        const QString format = p.value(QStringLiteral("format"));
        if (format != QLatin1String("text") && format != QLatin1String("json"))
            return usageError(QStringLiteral("--format must be text or json"));
        QDate asOf = QDate::currentDate();
        if (p.isSet(QStringLiteral("as-of"))) {
            const auto d = json::parseIsoDate(p.value(QStringLiteral("as-of")));
            if (!d)
                return usageError(QStringLiteral("--as-of needs a date YYYY-MM-DD"));
            asOf = *d;
        }
        int code = Ok;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const auto due = FollowUps(*store).due(asOf);
        if (!due)
            return report(due.error());
        if (format == QLatin1String("json")) {
            out(dueJson(due.value(), asOf));
            return Ok;
        }
        for (const FollowUps::Due &d : due.value())
            outLine(
                QStringLiteral("%1  %2  decision %3  case %4%5%6")
                    .arg(d.dueOn, d.what.leftJustified(9))
                    .arg(d.decisionId)
                    .arg(d.caseId, d.treatedOn.isEmpty() ? QString() : QStringLiteral("  treated %1").arg(d.treatedOn),
                        d.overdue ? QStringLiteral("  OVERDUE") : QString()));
        outLine(QStringLiteral("%1 item(s) due as of %2").arg(due.value().size()).arg(asOf.toString(Qt::ISODate)));
        return Ok;
    }
};

class RegistryExtractCommand : public DbCommand
{
public:
    RegistryExtractCommand()
        : DbCommand(QStringLiteral("registry-extract"),
            QStringLiteral("One row per treated patient for a registry (docs/registry.md; audited)."))
    {
        addOption({ QStringLiteral("format"), QStringLiteral("Output: csv (default) or json."),
            QStringLiteral("csv|json"), QStringLiteral("csv") });
        addOption({ { QStringLiteral("o"), QStringLiteral("output") },
                      QStringLiteral("Write to FILE instead of stdout."), QStringLiteral("FILE") },
            Kind::File);
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &) override
    {
        const QString format = p.value(QStringLiteral("format"));
        if (format != QLatin1String("csv") && format != QLatin1String("json"))
            return usageError(QStringLiteral("--format must be csv or json"));
        int code = Ok;
        QString unaudited;
        CaseStore *store = s.auditedReader(code, unaudited);
        if (!store)
            return code;
        const auto extract = FollowUps(*store).registryExtract(
            format == QLatin1String("csv") ? ExtractFormat::Csv : ExtractFormat::Json);
        if (!extract)
            return report(extract.error());
        if (!store->isWriter())
            err(QStringLiteral("consilium-cli db: warning: the extract was made read-only and could not be "
                               "audited (%1)")
                    .arg(unaudited));
        const QString path = p.value(QStringLiteral("output"));
        if (path.isEmpty()) {
            out(extract.value());
            return Ok;
        }
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(extract.value()) != extract.value().size() || !f.commit()) {
            err(QStringLiteral("consilium-cli: cannot write %1: %2").arg(path, f.errorString()));
            return Failed;
        }
        return Ok;
    }
};

} // namespace

void addDbFollowUpCommands(CommandGroup &db)
{
    db.add(std::make_unique<FollowUpCommand>());
    db.add(std::make_unique<DueCommand>());
    db.add(std::make_unique<RegistryExtractCommand>());
}

} // namespace consilium::cli
