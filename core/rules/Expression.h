// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace consilium {

// How a value slot is filled for one case. Absent, explicit unknown and not-evaluated all
// evaluate as unknown; reports tell them apart.
enum class ValueStatus : std::uint8_t { Known = 0, Absent, Unknown, NotEvaluated };

enum class ValueType : std::uint8_t { Number, Integer, Bool, Enum, Date };

// One unit accepted for a variable and its conversion to the canonical unit.
struct UnitConversion {
    QString unit;
    double factor = 1.0;
    bool divide = false;
    QString source;
    QString evidence;

    double toCanonical(double v) const noexcept { return divide ? v / factor : v * factor; }
};

// Unit strings are matched exactly after normalising micro signs and superscript nine
// (resources/packs/FORMAT.md, "Variable").
QString normaliseUnit(QString unit);

// What an identifier in an expression refers to, as the compiler needs it.
struct SymbolInfo {
    int slot = -1;
    ValueType type = ValueType::Number;
    QString unit; // canonical unit (numbers)
    const std::vector<UnitConversion> *units = nullptr; // accepted units (numbers), may be null
    const QStringList *values = nullptr; // enum literals
};

using SymbolLookup = std::function<std::optional<SymbolInfo>(const QString &name)>;

enum class CmpOp : std::uint8_t { Lt, Le, Gt, Ge, Eq, Ne };

// A compiled rule expression: a flat node array evaluated over a slot table without allocating.
class Expression
{
public:
    struct Node {
        enum Kind : std::uint8_t { Const, BoolSlot, CmpConst, CmpSlots, InSet, And, Or, Not };
        Kind kind = Const;
        CmpOp op = CmpOp::Eq;
        Tri constant = Tri::Unknown;
        std::int32_t a = -1; // slot or child node
        std::int32_t b = -1; // slot or child node
        double literal = 0.0;
        std::uint64_t set = 0;
    };

    Expression() = default;

    // Evaluates with Kleene semantics; values/status are indexed by slot.
    Tri evaluate(const double *values, const ValueStatus *status) const noexcept
    {
        return m_nodes.empty() ? Tri::True : evaluateNodes(m_nodes.data(), m_root, values, status);
    }

    // Evaluates node `root` of a node array (this expression's, or several expressions'
    // nodes relocated into one contiguous program by the engine).
    static Tri evaluateNodes(const Node *nodes, std::int32_t root, const double *v, const ValueStatus *s) noexcept
    {
        const Node &n = nodes[root];
        switch (n.kind) {
        case Node::Const:
            return n.constant;
        case Node::BoolSlot:
            if (s[n.a] != ValueStatus::Known)
                return Tri::Unknown;
            return triFromBool(v[n.a] != 0.0);
        case Node::CmpConst:
            if (s[n.a] != ValueStatus::Known)
                return Tri::Unknown;
            return triFromBool(compare(v[n.a], n.op, n.literal));
        case Node::CmpSlots:
            if (s[n.a] != ValueStatus::Known || s[n.b] != ValueStatus::Known)
                return Tri::Unknown;
            return triFromBool(compare(v[n.a], n.op, v[n.b]));
        case Node::InSet:
            if (s[n.a] != ValueStatus::Known)
                return Tri::Unknown;
            return triFromBool(((n.set >> unsigned(v[n.a])) & 1u) != 0);
        case Node::And: {
            const Tri l = evaluateNodes(nodes, n.a, v, s);
            if (l == Tri::False)
                return Tri::False;
            return triAnd(l, evaluateNodes(nodes, n.b, v, s));
        }
        case Node::Or: {
            const Tri l = evaluateNodes(nodes, n.a, v, s);
            if (l == Tri::True)
                return Tri::True;
            return triOr(l, evaluateNodes(nodes, n.b, v, s));
        }
        case Node::Not:
            return triNot(evaluateNodes(nodes, n.a, v, s));
        }
        return Tri::Unknown;
    }

    // Appends this expression's nodes to `program` (child indices relocated) and returns the
    // root's index there, or -1 for an empty expression.
    std::int32_t appendTo(std::vector<Node> &program) const
    {
        if (m_nodes.empty())
            return -1;
        const auto offset = std::int32_t(program.size());
        for (Node n : m_nodes) {
            if (n.kind == Node::And || n.kind == Node::Or || n.kind == Node::Not) {
                n.a += offset;
                if (n.kind != Node::Not)
                    n.b += offset;
            }
            program.push_back(n);
        }
        return m_root + offset;
    }

    bool isEmpty() const noexcept { return m_nodes.empty(); }
    const QString &text() const noexcept { return m_text; }
    // Slots referenced anywhere in the expression (deduplicated, in order of first use).
    const std::vector<int> &referencedSlots() const noexcept { return m_slots; }
    const std::vector<Node> &nodes() const noexcept { return m_nodes; }

    // Parses and type-checks `text`. On error returns nullopt and sets `error` to
    // "column N: reason" (1-based column in characters).
    static std::optional<Expression> compile(const QString &text, const SymbolLookup &lookup, QString &error);

private:
    friend class ExpressionCompiler;

    static bool compare(double l, CmpOp op, double r) noexcept
    {
        switch (op) {
        case CmpOp::Lt:
            return l < r;
        case CmpOp::Le:
            return l <= r;
        case CmpOp::Gt:
            return l > r;
        case CmpOp::Ge:
            return l >= r;
        case CmpOp::Eq:
            return l == r;
        case CmpOp::Ne:
            return l != r;
        }
        return false;
    }

    std::vector<Node> m_nodes;
    std::int32_t m_root = -1;
    std::vector<int> m_slots;
    QString m_text;
};

} // namespace consilium
