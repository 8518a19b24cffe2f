// SPDX-License-Identifier: GPL-3.0-or-later
// The type-checking compiler from a rule expression's parse tree (ExpressionParser.h) to a flat,
// allocation-free Expression (resources/packs/FORMAT.md, "Expression language").
#include "rules/Expression.h"

#include "rules/ExpressionParser.h"

#include <string>

namespace consilium {

QString normaliseUnit(QString unit)
{
    unit.replace(QChar(0x00B5), QLatin1Char('u')); // MICRO SIGN
    unit.replace(QChar(0x03BC), QLatin1Char('u')); // GREEK SMALL LETTER MU
    unit.replace(QChar(0x2079), QStringLiteral("^9")); // SUPERSCRIPT NINE
    return unit;
}

namespace {

using expression_parser::Builder;
using expression_parser::PNode;

QString typeWord(ValueType t)
{
    switch (t) {
    case ValueType::Number:
        return QStringLiteral("a number");
    case ValueType::Integer:
        return QStringLiteral("an integer");
    case ValueType::Bool:
        return QStringLiteral("a boolean");
    case ValueType::Enum:
        return QStringLiteral("an enum");
    case ValueType::Date:
        return QStringLiteral("a date");
    }
    return QStringLiteral("a value");
}

CmpOp flip(CmpOp op)
{
    switch (op) {
    case CmpOp::Lt:
        return CmpOp::Gt;
    case CmpOp::Le:
        return CmpOp::Ge;
    case CmpOp::Gt:
        return CmpOp::Lt;
    case CmpOp::Ge:
        return CmpOp::Le;
    case CmpOp::Eq:
    case CmpOp::Ne:
        break;
    }
    return op;
}

bool isNumeric(ValueType t)
{
    return t == ValueType::Number || t == ValueType::Integer;
}
bool isLiteral(const PNode &n)
{
    return n.kind == PNode::Number || n.kind == PNode::String || n.kind == PNode::Bool;
}

} // namespace

class ExpressionCompiler
{
public:
    ExpressionCompiler(const Builder &b, const SymbolLookup &lookup) : m_b(b), m_lookup(lookup) { }

    std::optional<Expression> run(int root, const QString &text, QString &error)
    {
        const int r = boolean(root);
        if (r < 0) {
            error = QStringLiteral("column %1: %2").arg(m_errorColumn).arg(m_error);
            return std::nullopt;
        }
        m_out.m_root = r;
        m_out.m_text = text;
        return std::move(m_out);
    }

private:
    using Node = Expression::Node;

    int fail(int column, const QString &message)
    {
        if (m_error.isEmpty()) {
            m_errorColumn = column;
            m_error = message;
        }
        return -1;
    }
    int addNode(const Node &n)
    {
        m_out.m_nodes.push_back(n);
        return int(m_out.m_nodes.size()) - 1;
    }
    std::optional<SymbolInfo> symbol(const PNode &p)
    {
        const QString name = QString::fromStdString(p.text);
        auto s = m_lookup(name);
        if (!s) {
            fail(p.column, QStringLiteral("unknown identifier '%1'").arg(name));
            return std::nullopt;
        }
        bool seen = false;
        for (int slot : m_out.m_slots)
            seen = seen || slot == s->slot;
        if (!seen)
            m_out.m_slots.push_back(s->slot);
        return s;
    }

    // A literal compared with a symbol, as a value in the symbol's canonical representation.
    std::optional<double> literalValue(const PNode &lit, const PNode &ident, const SymbolInfo &s)
    {
        const QString name = QString::fromStdString(ident.text);
        switch (s.type) {
        case ValueType::Number:
        case ValueType::Integer: {
            if (lit.kind != PNode::Number) {
                fail(lit.column, QStringLiteral("'%1' is %2; compare it with a number").arg(name, typeWord(s.type)));
                return std::nullopt;
            }
            if (lit.text.empty())
                return lit.number;
            const QString u = normaliseUnit(QString::fromStdString(lit.text));
            if (s.units) {
                for (const auto &conv : *s.units) {
                    if (conv.unit == u)
                        return conv.toCanonical(lit.number);
                }
            }
            if (u == s.unit)
                return lit.number;
            fail(lit.column,
                QStringLiteral("unit '%1' is not accepted for '%2' (canonical unit %3)").arg(u, name, s.unit));
            return std::nullopt;
        }
        case ValueType::Bool:
            if (lit.kind != PNode::Bool) {
                fail(lit.column, QStringLiteral("'%1' is a boolean; compare it with true or false").arg(name));
                return std::nullopt;
            }
            return lit.boolean ? 1.0 : 0.0;
        case ValueType::Enum: {
            if (lit.kind != PNode::String) {
                fail(lit.column, QStringLiteral("'%1' is an enum; compare it with a quoted value").arg(name));
                return std::nullopt;
            }
            const QString v = QString::fromStdString(lit.text);
            const qsizetype idx = s.values ? s.values->indexOf(v) : -1;
            if (idx < 0) {
                fail(lit.column,
                    QStringLiteral("\"%1\" is not a value of '%2' (values: %3)")
                        .arg(v, name, s.values ? s.values->join(QStringLiteral(", ")) : QString()));
                return std::nullopt;
            }
            return double(idx);
        }
        case ValueType::Date:
            break;
        }
        fail(ident.column, QStringLiteral("'%1' is a date; dates cannot be compared in expressions").arg(name));
        return std::nullopt;
    }

    int comparison(const PNode &p)
    {
        const PNode &l = m_b.nodes[std::size_t(p.lhs)];
        const PNode &r = m_b.nodes[std::size_t(p.rhs)];
        if (l.kind == PNode::Ident && r.kind == PNode::Ident) {
            auto ls = symbol(l);
            auto rs = symbol(r);
            if (!ls || !rs)
                return -1;
            const bool bothNumeric = isNumeric(ls->type) && isNumeric(rs->type);
            if (bothNumeric && ls->unit != rs->unit)
                return fail(r.column,
                    QStringLiteral("'%1' (%2) and '%3' (%4) have different units")
                        .arg(QString::fromStdString(l.text), ls->unit, QString::fromStdString(r.text), rs->unit));
            const bool sameEnum = ls->type == ValueType::Enum && rs->type == ValueType::Enum && ls->values && rs->values
                && *ls->values == *rs->values;
            const bool sameBool = ls->type == ValueType::Bool && rs->type == ValueType::Bool;
            if (!bothNumeric && !sameEnum && !sameBool)
                return fail(r.column,
                    QStringLiteral("'%1' and '%2' cannot be compared")
                        .arg(QString::fromStdString(l.text), QString::fromStdString(r.text)));
            if (!bothNumeric && p.op != CmpOp::Eq && p.op != CmpOp::Ne)
                return fail(p.column, QStringLiteral("only == and != compare non-numeric values"));
            Node n;
            n.kind = Node::CmpSlots;
            n.op = p.op;
            n.a = ls->slot;
            n.b = rs->slot;
            return addNode(n);
        }
        const PNode *ident = nullptr;
        const PNode *lit = nullptr;
        CmpOp op = p.op;
        if (l.kind == PNode::Ident && isLiteral(r)) {
            ident = &l;
            lit = &r;
        } else if (isLiteral(l) && r.kind == PNode::Ident) {
            ident = &r;
            lit = &l;
            op = flip(op);
        } else {
            return fail(p.column,
                QStringLiteral("a comparison needs a variable on one side and a value or variable on the other"));
        }
        auto s = symbol(*ident);
        if (!s)
            return -1;
        if (!isNumeric(s->type) && op != CmpOp::Eq && op != CmpOp::Ne)
            return fail(p.column,
                QStringLiteral("'%1' is %2; only == and != apply")
                    .arg(QString::fromStdString(ident->text), typeWord(s->type)));
        auto value = literalValue(*lit, *ident, *s);
        if (!value)
            return -1;
        Node n;
        n.kind = Node::CmpConst;
        n.op = op;
        n.a = s->slot;
        n.literal = *value;
        return addNode(n);
    }

    int membership(const PNode &p)
    {
        const PNode &l = m_b.nodes[std::size_t(p.lhs)];
        if (l.kind != PNode::Ident)
            return fail(l.column, QStringLiteral("'in' needs a variable on its left"));
        auto s = symbol(l);
        if (!s)
            return -1;
        int result = -1;
        if (s->type == ValueType::Enum) {
            Node n;
            n.kind = Node::InSet;
            n.a = s->slot;
            for (int item : p.list) {
                auto v = literalValue(m_b.nodes[std::size_t(item)], l, *s);
                if (!v)
                    return -1;
                if (*v >= 64)
                    return fail(l.column,
                        QStringLiteral("enum '%1' has more than 64 values").arg(QString::fromStdString(l.text)));
                n.set |= (std::uint64_t(1) << unsigned(*v));
            }
            result = addNode(n);
        } else {
            for (int item : p.list) {
                auto v = literalValue(m_b.nodes[std::size_t(item)], l, *s);
                if (!v)
                    return -1;
                Node eq;
                eq.kind = Node::CmpConst;
                eq.op = CmpOp::Eq;
                eq.a = s->slot;
                eq.literal = *v;
                const int e = addNode(eq);
                if (result < 0) {
                    result = e;
                } else {
                    Node orNode;
                    orNode.kind = Node::Or;
                    orNode.a = result;
                    orNode.b = e;
                    result = addNode(orNode);
                }
            }
        }
        if (p.kind == PNode::NotIn) {
            Node n;
            n.kind = Node::Not;
            n.a = result;
            result = addNode(n);
        }
        return result;
    }

    int boolean(int index)
    {
        const PNode &p = m_b.nodes[std::size_t(index)];
        switch (p.kind) {
        case PNode::Bool: {
            Node n;
            n.kind = Node::Const;
            n.constant = triFromBool(p.boolean);
            return addNode(n);
        }
        case PNode::Ident: {
            auto s = symbol(p);
            if (!s)
                return -1;
            if (s->type != ValueType::Bool)
                return fail(p.column,
                    QStringLiteral("'%1' is %2, not a condition; compare it with a value")
                        .arg(QString::fromStdString(p.text), typeWord(s->type)));
            Node n;
            n.kind = Node::BoolSlot;
            n.a = s->slot;
            return addNode(n);
        }
        case PNode::Number:
        case PNode::String:
            return fail(p.column, QStringLiteral("a value on its own is not a condition"));
        case PNode::Cmp:
            return comparison(p);
        case PNode::In:
        case PNode::NotIn:
            return membership(p);
        case PNode::And:
        case PNode::Or: {
            const int a = boolean(p.lhs);
            if (a < 0)
                return -1;
            const int b = boolean(p.rhs);
            if (b < 0)
                return -1;
            Node n;
            n.kind = p.kind == PNode::And ? Node::And : Node::Or;
            n.a = a;
            n.b = b;
            return addNode(n);
        }
        case PNode::Not: {
            const int a = boolean(p.lhs);
            if (a < 0)
                return -1;
            Node n;
            n.kind = Node::Not;
            n.a = a;
            return addNode(n);
        }
        }
        return -1;
    }

    const Builder &m_b;
    const SymbolLookup &m_lookup;
    Expression m_out;
    QString m_error;
    int m_errorColumn = 1;
};

std::optional<Expression> Expression::compile(const QString &text, const SymbolLookup &lookup, QString &error)
{
    if (text.size() > expression_parser::kMaxExpressionLength) {
        error = QStringLiteral("column %1: expression longer than %2 characters")
                    .arg(expression_parser::kMaxExpressionLength + 1)
                    .arg(expression_parser::kMaxExpressionLength);
        return std::nullopt;
    }
    const std::string source = normaliseUnit(text).toStdString();
    if (QString bounds = expression_parser::checkBounds(source); !bounds.isEmpty()) {
        error = bounds;
        return std::nullopt;
    }
    expression_parser::Builder b;
    if (!expression_parser::parse(source, b, error))
        return std::nullopt;
    ExpressionCompiler compiler(b, lookup);
    return compiler.run(b.stack.back(), text, error);
}

} // namespace consilium
