// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db conference|decide|outcome|position|override|finalise|correct|decision`:
// conferences and their decisions (docs/cli.md, docs/store.md).
#include "Commands.h"
#include "DbCommand.h"
#include "rules/RulePack.h"
#include "store/Decisions.h"

namespace consilium::cli {

namespace {

void printDecision(const Decision &d)
{
    outLine(QStringLiteral("decision %1 (%2)%3")
                .arg(d.id)
                .arg(d.finalised ? QStringLiteral("final") : QStringLiteral("draft"),
                    d.correctsId ? QStringLiteral(", corrects decision %1").arg(*d.correctsId) : QString()));
    outLine(QStringLiteral("conference %1; case %2 v%3; pack %4 %5 sha256:%6; engine %7")
                .arg(d.conferenceId)
                .arg(d.caseId)
                .arg(d.caseVersion)
                .arg(d.packId, d.packVersion, d.packSha256, d.engineVersion));
    outLine(QStringLiteral("outcome: %1%2")
                .arg(d.outcome, d.chosenArm.isEmpty() ? QString() : QStringLiteral(" ") + d.chosenArm));
    if (!d.rationale.isEmpty())
        outLine(QStringLiteral("rationale: %1").arg(d.rationale));
    outLine(QStringLiteral("required roles: %1").arg(d.requiredRoles.join(QStringLiteral(", "))));
    for (const Position &p : d.positions)
        outLine(QStringLiteral("  %1 (%2): %3%4")
                    .arg(p.participant, p.role, stanceName(p.stance),
                        p.reason.isEmpty() ? QString() : QStringLiteral(" — ") + p.reason));
    const QStringList missing = d.missingRoles();
    if (!missing.isEmpty())
        outLine(QStringLiteral("awaiting positions from: %1").arg(missing.join(QStringLiteral(", "))));
    if (d.hasDissent())
        outLine(QStringLiteral("dissent recorded"));
    for (const CriterionOverride &o : d.overrides)
        outLine(QStringLiteral("override %1 [%2]: %3 (%4, %5)")
                    .arg(o.criterionId, o.reasonCode, o.text, o.recordedBy, o.recordedAt));
    if (d.finalised)
        outLine(QStringLiteral("finalised %1 by %2").arg(d.finalisedAt, d.finalisedBy));
}

class ConferenceCreateCommand : public DbCommand
{
public:
    ConferenceCreateCommand() : DbCommand(QStringLiteral("create"), QStringLiteral("Create a conference."))
    {
        addOption(valued("date", "The day it is held.", "YYYY-MM-DD"));
        addOption(valued("title", "Its title.", "TEXT"));
        addOption(valued("attendee", "An attendee and role; repeat for each.", "NAME:ROLE"));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &) override
    {
        if (!p.isSet(QStringLiteral("date")) || !p.isSet(QStringLiteral("title")))
            return usageError(QStringLiteral("conference create needs --date and --title"));
        std::vector<Attendee> attendees;
        for (const QString &spec : p.values(QStringLiteral("attendee"))) {
            const qsizetype colon = spec.lastIndexOf(QLatin1Char(':'));
            if (colon <= 0 || colon == spec.size() - 1)
                return usageError(QStringLiteral("--attendee needs NAME:ROLE, got \"%1\"").arg(spec));
            attendees.push_back({ spec.left(colon), spec.mid(colon + 1) });
        }
        int code = Ok;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        const auto id
            = decisions.createConference(p.value(QStringLiteral("date")), p.value(QStringLiteral("title")), attendees);
        if (!id)
            return report(id.error());
        outLine(QStringLiteral("conference %1 created").arg(id.value()));
        return Ok;
    }
};

class ConferenceAddCaseCommand : public DbCommand
{
public:
    ConferenceAddCaseCommand()
        : DbCommand(QStringLiteral("add-case"), QStringLiteral("List a case for discussion in a conference."))
    {
        addArgument(QStringLiteral("CONFERENCE_ID"), QStringLiteral("The conference."));
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The case."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        qint64 id = 0;
        if (!toId(args[0], id))
            return usageError(QStringLiteral("conference add-case needs CONFERENCE_ID CASE_ID"));
        int code = Ok;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        if (const auto listed = decisions.listCase(id, args[1]); !listed)
            return report(listed.error());
        outLine(QStringLiteral("%1 listed in conference %2").arg(args[1]).arg(id));
        return Ok;
    }
};

// `conference show ID` and `conference list`: the same lines, for one or every conference.
class ConferenceShowCommand : public DbCommand
{
public:
    explicit ConferenceShowCommand(bool one)
        : DbCommand(one ? QStringLiteral("show") : QStringLiteral("list"),
            one ? QStringLiteral("Show a conference: date, title, attendees and cases.")
                : QStringLiteral("List every conference."))
    {
        if (one)
            addArgument(QStringLiteral("CONFERENCE_ID"), QStringLiteral("The conference."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        qint64 id = 0;
        if (!args.isEmpty() && !toId(args[0], id))
            return usageError(QStringLiteral("conference show needs CONFERENCE_ID"));
        int code = Ok;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        StoreResult<std::vector<Conference>> list = std::vector<Conference>();
        if (id > 0) {
            auto c = decisions.conference(id);
            if (!c)
                return report(c.error());
            list.value().push_back(std::move(c).value());
        } else {
            list = decisions.conferences();
        }
        if (!list)
            return report(list.error());
        for (const Conference &c : list.value()) {
            QStringList names;
            for (const Attendee &at : c.attendees)
                names << QStringLiteral("%1 (%2)").arg(at.name, at.role);
            outLine(QStringLiteral("conference %1: %2 %3").arg(c.id).arg(c.heldOn, c.title));
            outLine(QStringLiteral("  attendees: %1").arg(names.join(QStringLiteral(", "))));
            outLine(QStringLiteral("  cases: %1").arg(c.caseIds.join(QStringLiteral(", "))));
        }
        return Ok;
    }
};

class DecideCommand : public DbCommand
{
public:
    DecideCommand()
        : DbCommand(QStringLiteral("decide"),
            QStringLiteral("Open a draft decision on a listed case, evaluated under the pack."), Pack::Rules)
    {
        addArgument(QStringLiteral("CONFERENCE_ID"), QStringLiteral("The conference."));
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The case listed in it."));
        addOption(valued("arm", "The chosen arm.", "ARM"));
        addOption({ QStringLiteral("defer"), QStringLiteral("Defer the decision.") });
        addOption(valued("rationale", "Why.", "TEXT"));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        qint64 conf = 0;
        if (!toId(args[0], conf))
            return usageError(QStringLiteral("decide needs CONFERENCE_ID CASE_ID"));
        const bool arm = p.isSet(QStringLiteral("arm"));
        const bool defer = p.isSet(QStringLiteral("defer"));
        if (arm && defer)
            return usageError(QStringLiteral("give --arm or --defer, not both"));
        int code = Ok;
        const auto [pack, store] = s.packAndWriter(code);
        if (!store)
            return code;
        Decisions decisions(*store);
        const auto id = decisions.open(conf, args[1], *pack);
        if (!id)
            return report(id.error());
        if (arm || defer) {
            const auto set = decisions.setOutcome(
                id.value(), p.value(QStringLiteral("arm")), p.value(QStringLiteral("rationale")));
            if (!set)
                return report(set.error());
        }
        const auto d = decisions.decision(id.value());
        if (!d)
            return report(d.error());
        printDecision(d.value());
        return Ok;
    }
};

// A command on one decision: checks its usage before the database is opened (and locked),
// changes the decision and prints it as it now stands.
class DecisionCommand : public DbCommand
{
public:
    DecisionCommand(QString name, QString description, bool writes)
        : DbCommand(std::move(name), std::move(description)), m_writes(writes)
    {
        addArgument(QStringLiteral("DECISION_ID"), QStringLiteral("The decision."));
    }

protected:
    // The usage problem, or an empty string.
    virtual QString check(const QCommandLineParser &) const { return {}; }
    // Changes decision `id`; `shown` is the decision to print afterwards.
    virtual StoreResult<void> apply(Decisions &, qint64, const QCommandLineParser &, qint64 &)
    {
        return storeSuccess();
    }

    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) final
    {
        qint64 id = 0;
        if (!toId(args.first(), id))
            return usageError(QStringLiteral("%1 needs a DECISION_ID").arg(name()));
        const QString problem = check(p);
        if (!problem.isEmpty())
            return usageError(problem);
        int code = Ok;
        CaseStore *store = s.store(m_writes, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        qint64 shown = id;
        if (const auto applied = apply(decisions, id, p, shown); !applied)
            return report(applied.error());
        const auto d = decisions.decision(shown);
        if (!d)
            return report(d.error());
        printDecision(d.value());
        return Ok;
    }

private:
    bool m_writes;
};

class OutcomeCommand : public DecisionCommand
{
public:
    OutcomeCommand()
        : DecisionCommand(QStringLiteral("outcome"), QStringLiteral("Set a draft decision's outcome."), true)
    {
        addOption(valued("arm", "The chosen arm.", "ARM"));
        addOption({ QStringLiteral("defer"), QStringLiteral("Defer the decision.") });
        addOption(valued("rationale", "Why.", "TEXT"));
    }

protected:
    QString check(const QCommandLineParser &p) const override
    {
        if (p.isSet(QStringLiteral("arm")) == p.isSet(QStringLiteral("defer")))
            return QStringLiteral("outcome needs --arm ARM or --defer");
        return {};
    }
    StoreResult<void> apply(Decisions &d, qint64 id, const QCommandLineParser &p, qint64 &) override
    {
        return d.setOutcome(id, p.value(QStringLiteral("arm")), p.value(QStringLiteral("rationale")));
    }
};

class PositionCommand : public DecisionCommand
{
public:
    PositionCommand()
        : DecisionCommand(
            QStringLiteral("position"), QStringLiteral("Record a participant's position on a decision."), true)
    {
        addOption(valued("participant", "Who.", "NAME"));
        addOption(valued("role", "Their role.", "ROLE"));
        addOption({ QStringLiteral("agree"), QStringLiteral("They agree.") });
        addOption({ QStringLiteral("disagree"), QStringLiteral("They disagree (dissent is recorded).") });
        addOption({ QStringLiteral("abstain"), QStringLiteral("They abstain.") });
        addOption(valued("reason", "Why.", "TEXT"));
    }

protected:
    QString check(const QCommandLineParser &p) const override
    {
        const int n = int(p.isSet(QStringLiteral("agree"))) + int(p.isSet(QStringLiteral("disagree")))
            + int(p.isSet(QStringLiteral("abstain")));
        if (n != 1 || !p.isSet(QStringLiteral("participant")) || !p.isSet(QStringLiteral("role")))
            return QStringLiteral("position needs --participant, --role and one of --agree/--disagree/--abstain");
        return {};
    }
    StoreResult<void> apply(Decisions &d, qint64 id, const QCommandLineParser &p, qint64 &) override
    {
        const Stance stance = p.isSet(QStringLiteral("agree")) ? Stance::Agree
            : p.isSet(QStringLiteral("disagree"))              ? Stance::Disagree
                                                               : Stance::Abstain;
        return d.recordPosition(id,
            { p.value(QStringLiteral("participant")), p.value(QStringLiteral("role")), stance,
                p.value(QStringLiteral("reason")), {} });
    }
};

class OverrideCommand : public DecisionCommand
{
public:
    OverrideCommand()
        : DecisionCommand(QStringLiteral("override"),
            QStringLiteral("Record a clinician's override of a criterion, with a reason code."), true)
    {
        addOption(valued("criterion", "The criterion id (e.g. AUTO-WASH-01).", "ID"));
        addOption({ QStringLiteral("code"),
            QStringLiteral("The reason code: %1.").arg(Decisions::overrideReasonCodes().join(QStringLiteral(", "))),
            QStringLiteral("CODE") });
        addOption(valued("text", "The reason in words.", "TEXT"));
    }

protected:
    QString check(const QCommandLineParser &p) const override
    {
        if (!p.isSet(QStringLiteral("criterion")) || !p.isSet(QStringLiteral("code"))
            || !p.isSet(QStringLiteral("text")))
            return QStringLiteral("override needs --criterion, --code (%1) and --text")
                .arg(Decisions::overrideReasonCodes().join(QStringLiteral(", ")));
        return {};
    }
    StoreResult<void> apply(Decisions &d, qint64 id, const QCommandLineParser &p, qint64 &) override
    {
        return d.addOverride(
            id, p.value(QStringLiteral("criterion")), p.value(QStringLiteral("code")), p.value(QStringLiteral("text")));
    }
};

class FinaliseCommand : public DecisionCommand
{
public:
    FinaliseCommand()
        : DecisionCommand(QStringLiteral("finalise"), QStringLiteral("Make a decision final and immutable."), true)
    { }

protected:
    StoreResult<void> apply(Decisions &d, qint64 id, const QCommandLineParser &, qint64 &) override
    {
        return d.finalise(id);
    }
};

class CorrectCommand : public DecisionCommand
{
public:
    CorrectCommand()
        : DecisionCommand(QStringLiteral("correct"),
            QStringLiteral("Open a draft that corrects a final decision (the original stays as it was)."), true)
    { }

protected:
    StoreResult<void> apply(Decisions &d, qint64 id, const QCommandLineParser &, qint64 &shown) override
    {
        const auto c = d.correct(id);
        if (!c)
            return c.error();
        shown = c.value();
        return storeSuccess();
    }
};

} // namespace

void addDbDecisionCommands(CommandGroup &db)
{
    auto conference = std::make_unique<CommandGroup>(
        QStringLiteral("conference"), QStringLiteral("Multidisciplinary conferences and the cases listed in them."));
    conference->add(std::make_unique<ConferenceCreateCommand>());
    conference->add(std::make_unique<ConferenceAddCaseCommand>());
    conference->add(std::make_unique<ConferenceShowCommand>(true));
    conference->add(std::make_unique<ConferenceShowCommand>(false));
    db.add(std::move(conference));
    db.add(std::make_unique<DecideCommand>());
    db.add(std::make_unique<OutcomeCommand>());
    db.add(std::make_unique<PositionCommand>());
    db.add(std::make_unique<OverrideCommand>());
    db.add(std::make_unique<FinaliseCommand>());
    db.add(std::make_unique<CorrectCommand>());
    db.add(std::make_unique<DecisionCommand>(
        QStringLiteral("decision"), QStringLiteral("Show a decision, its positions and overrides."), false));
}

} // namespace consilium::cli
