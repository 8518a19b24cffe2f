// SPDX-License-Identifier: GPL-3.0-or-later
// Rule-expression grammar (resources/packs/FORMAT.md, "Expression language") with Boost.Spirit X3, and the
// type-checking compiler from the parse tree to a flat, allocation-free Expression.
#include "rules/Expression.h"

#include <boost/spirit/home/x3.hpp>

#include <cctype>
#include <charconv>
#include <string>
#include <string_view>

namespace consilium {

QString normaliseUnit(QString unit)
{
    unit.replace(QChar(0x00B5), QLatin1Char('u')); // MICRO SIGN
    unit.replace(QChar(0x03BC), QLatin1Char('u')); // GREEK SMALL LETTER MU
    unit.replace(QChar(0x2079), QStringLiteral("^9")); // SUPERSCRIPT NINE
    return unit;
}

namespace {

namespace x3 = boost::spirit::x3;

// Parse tree built by the grammar's semantic actions.
struct PNode {
    enum Kind { Number, Ident, String, Bool, Cmp, In, NotIn, And, Or, Not };
    Kind kind = Number;
    double number = 0.0;
    std::string text; // identifier, string literal or unit of a number
    bool boolean = false;
    int column = 1;
    CmpOp op = CmpOp::Eq;
    int lhs = -1;
    int rhs = -1;
    std::vector<int> list;
};

struct Builder {
    std::string_view source;
    std::string::const_iterator begin;
    std::vector<PNode> nodes;
    std::vector<int> stack;
    std::vector<CmpOp> ops;
    std::vector<std::size_t> listMarks;

    int columnOf(const char *at) const
    {
        while (at < source.data() + source.size() && (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r'))
            ++at;
        int col = 1;
        for (const char *p = source.data(); p < at; ++p) {
            if ((static_cast<unsigned char>(*p) & 0xC0) != 0x80)
                ++col;
        }
        return col;
    }
    int push(PNode n)
    {
        nodes.push_back(std::move(n));
        stack.push_back(int(nodes.size()) - 1);
        return stack.back();
    }
    int pop()
    {
        const int i = stack.back();
        stack.pop_back();
        return i;
    }
};

struct builder_tag;

template <typename Ctx> Builder &builder(Ctx &ctx)
{
    return x3::get<builder_tag>(ctx).get();
}
// Column of the first character of a matched range (x3::raw attribute).
template <typename Ctx, typename Range> int column(Ctx &ctx, const Range &r)
{
    auto &b = builder(ctx);
    return b.columnOf(b.source.data() + (r.begin() - b.begin));
}

template <typename Range> std::string text(const Range &r)
{
    return std::string(r.begin(), r.end());
}

// Numbers: no NaN, no infinity.
struct StrictRealPolicies : x3::real_policies<double> {
    template <typename It, typename Attr> static bool parse_nan(It &, It const &, Attr &) { return false; }
    template <typename It, typename Attr> static bool parse_inf(It &, It const &, Attr &) { return false; }
};
const x3::real_parser<double, StrictRealPolicies> real_ = {};

auto kw(const char *word)
{
    return x3::lexeme[x3::lit(word) >> !(x3::alnum | x3::char_('_'))];
}

const auto keyword = kw("and") | kw("or") | kw("not") | kw("in") | kw("true") | kw("false");
const auto identifierChars = x3::lexeme[(x3::alpha | x3::char_('_')) >> *(x3::alnum | x3::char_('_'))];
const auto unitChars = x3::lexeme[+x3::char_("a-zA-Z0-9%/^._")];

const auto onNumber = [](auto &ctx) {
    const auto &r = x3::_attr(ctx);
    PNode n;
    n.kind = PNode::Number;
    const std::string t = text(r);
    // The text was matched by the strict real parser; from_chars is locale-independent.
    std::from_chars(t.data(), t.data() + t.size(), n.number);
    n.column = column(ctx, r);
    builder(ctx).push(std::move(n));
};
const auto onUnit = [](auto &ctx) {
    const std::string t = text(x3::_attr(ctx));
    // A unit names something: a token of digits and dots alone is a number, not a unit.
    if (t.find_first_not_of("0123456789.") == std::string::npos) {
        x3::_pass(ctx) = false;
        return;
    }
    auto &b = builder(ctx);
    b.nodes[std::size_t(b.stack.back())].text = t;
};
const auto onIdent = [](auto &ctx) {
    const auto &r = x3::_attr(ctx);
    PNode n;
    n.kind = PNode::Ident;
    n.text = text(r);
    n.column = column(ctx, r);
    builder(ctx).push(std::move(n));
};
const auto onString = [](auto &ctx) {
    const auto &r = x3::_attr(ctx);
    PNode n;
    n.kind = PNode::String;
    n.text = text(r);
    n.text = n.text.substr(1, n.text.size() - 2); // drop the quotes
    n.column = column(ctx, r);
    builder(ctx).push(std::move(n));
};
const auto onBool = [](bool value) {
    return [value](auto &ctx) {
        const auto &r = x3::_attr(ctx);
        PNode n;
        n.kind = PNode::Bool;
        n.boolean = value;
        n.column = column(ctx, r);
        builder(ctx).push(std::move(n));
    };
};
const auto onOp = [](CmpOp op) { return [op](auto &ctx) { builder(ctx).ops.push_back(op); }; };
const auto onCmp = [](auto &ctx) {
    auto &b = builder(ctx);
    PNode n;
    n.kind = PNode::Cmp;
    n.rhs = b.pop();
    n.lhs = b.pop();
    n.op = b.ops.back();
    b.ops.pop_back();
    n.column = b.nodes[std::size_t(n.lhs)].column;
    b.push(std::move(n));
};
const auto onListStart = [](auto &ctx) {
    auto &b = builder(ctx);
    b.listMarks.push_back(b.stack.size());
};
const auto onIn = [](bool negated) {
    return [negated](auto &ctx) {
        auto &b = builder(ctx);
        PNode n;
        n.kind = negated ? PNode::NotIn : PNode::In;
        const std::size_t mark = b.listMarks.back();
        b.listMarks.pop_back();
        n.list.assign(b.stack.begin() + std::ptrdiff_t(mark), b.stack.end());
        b.stack.resize(mark);
        n.lhs = b.pop();
        n.column = b.nodes[std::size_t(n.lhs)].column;
        b.push(std::move(n));
    };
};
const auto onBinary = [](PNode::Kind kind) {
    return [kind](auto &ctx) {
        auto &b = builder(ctx);
        PNode n;
        n.kind = kind;
        n.rhs = b.pop();
        n.lhs = b.pop();
        n.column = b.nodes[std::size_t(n.lhs)].column;
        b.push(std::move(n));
    };
};
const auto onNot = [](auto &ctx) {
    auto &b = builder(ctx);
    PNode n;
    n.kind = PNode::Not;
    n.lhs = b.pop();
    n.column = b.nodes[std::size_t(n.lhs)].column;
    b.push(std::move(n));
};

const x3::rule<class expr_rule> expr = "expression";
const x3::rule<class and_rule> and_expr = "expression";
const x3::rule<class not_rule> not_expr = "expression";
const x3::rule<class cmp_rule> cmp = "comparison";
const x3::rule<class operand_rule> operand = "operand";
const x3::rule<class literal_rule> literal = "literal";
const x3::rule<class list_rule> list = "list";
using Range = boost::iterator_range<std::string::const_iterator>;
const x3::rule<class ident_rule, Range> identifier = "identifier";
const x3::rule<class string_rule, Range> string_lit = "string";
const x3::rule<class unit_rule, Range> unit = "unit";

const auto identifier_def = !keyword >> x3::raw[identifierChars];
const auto string_lit_def = x3::raw[x3::lexeme['"' > *(x3::char_ - '"') > '"']];
const auto unit_def = !keyword >> x3::raw[unitChars];
const auto number = x3::raw[real_][onNumber] >> -unit[onUnit];
const auto boolean = x3::raw[kw("true")][onBool(true)] | x3::raw[kw("false")][onBool(false)];
const auto literal_def = number | string_lit[onString] | boolean;
const auto operand_def = literal | identifier[onIdent] | ('(' > expr > ')');
const auto list_def = x3::lit('[')[onListStart] > (literal % ',') > ']';
const auto cmp_op = x3::lit("<=")[onOp(CmpOp::Le)] | x3::lit(">=")[onOp(CmpOp::Ge)] | x3::lit("==")[onOp(CmpOp::Eq)]
    | x3::lit("!=")[onOp(CmpOp::Ne)] | x3::lit('<')[onOp(CmpOp::Lt)] | x3::lit('>')[onOp(CmpOp::Gt)];
const auto cmp_def = operand
    >> -((cmp_op > operand)[onCmp] | (kw("not") > kw("in") > list)[onIn(true)] | (kw("in") > list)[onIn(false)]);
const auto not_expr_def = (kw("not") > not_expr)[onNot] | cmp;
const auto and_expr_def = not_expr >> *(kw("and") > not_expr)[onBinary(PNode::And)];
const auto expr_def = and_expr >> *(kw("or") > and_expr)[onBinary(PNode::Or)];

BOOST_SPIRIT_DEFINE(expr, and_expr, not_expr, cmp, operand, literal, list, identifier, string_lit, unit)

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

namespace {

// Bounds that keep the recursive-descent parser, the compiler and the evaluator on a shallow
// stack whatever the pack contains (libFuzzer found a stack overflow with 10,000 nested
// parentheses). The reference pack's longest expression has 186 characters and nests 2 deep.
constexpr qsizetype kMaxExpressionLength = 4096;
constexpr int kMaxNesting = 32; // parentheses and list brackets
constexpr int kMaxOperators = 256; // and / or / not

// Returns an error ("column N: …") if the text exceeds the bounds.
QString checkBounds(const std::string &source)
{
    int depth = 0;
    int operators = 0;
    bool inString = false;
    auto columnOf = [&source](std::size_t at) {
        int col = 1;
        for (std::size_t i = 0; i < at; ++i)
            col += (static_cast<unsigned char>(source[i]) & 0xC0) != 0x80;
        return col;
    };
    for (std::size_t i = 0; i < source.size(); ++i) {
        const char c = source[i];
        if (c == '"') {
            inString = !inString;
        } else if (inString) {
            continue;
        } else if (c == '(' || c == '[') {
            if (++depth > kMaxNesting)
                return QStringLiteral("column %1: nesting deeper than %2 levels").arg(columnOf(i)).arg(kMaxNesting);
        } else if (c == ')' || c == ']') {
            --depth;
        } else if (std::isalpha(static_cast<unsigned char>(c))
            && (i == 0 || !(std::isalnum(static_cast<unsigned char>(source[i - 1])) || source[i - 1] == '_'))) {
            std::size_t j = i;
            while (j < source.size() && (std::isalnum(static_cast<unsigned char>(source[j])) || source[j] == '_'))
                ++j;
            const std::string_view word(source.data() + i, j - i);
            if ((word == "and" || word == "or" || word == "not") && ++operators > kMaxOperators)
                return QStringLiteral("column %1: more than %2 operators").arg(columnOf(i)).arg(kMaxOperators);
            i = j - 1;
        }
    }
    return {};
}

} // namespace

std::optional<Expression> Expression::compile(const QString &text, const SymbolLookup &lookup, QString &error)
{
    if (text.size() > kMaxExpressionLength) {
        error = QStringLiteral("column %1: expression longer than %2 characters")
                    .arg(kMaxExpressionLength + 1)
                    .arg(kMaxExpressionLength);
        return std::nullopt;
    }
    const std::string source = normaliseUnit(text).toStdString();
    if (QString bounds = checkBounds(source); !bounds.isEmpty()) {
        error = bounds;
        return std::nullopt;
    }
    Builder b;
    b.source = source;
    b.begin = source.cbegin();
    auto first = source.cbegin();
    const auto last = source.cend();
    bool ok = false;
    try {
        const auto parser = x3::with<builder_tag>(std::ref(b))[expr];
        ok = x3::phrase_parse(first, last, parser, x3::space);
    } catch (const x3::expectation_failure<std::string::const_iterator> &e) {
        const std::string which = e.which();
        error = QStringLiteral("column %1: expected %2")
                    .arg(b.columnOf(source.data() + (e.where() - source.cbegin())))
                    .arg(QString::fromStdString(which));
        return std::nullopt;
    }
    if (!ok || first != last || b.stack.size() != 1) {
        if (first == last && source.find_first_not_of(" \t\r\n") == std::string::npos) {
            error = QStringLiteral("column 1: empty expression");
        } else {
            const char *at = source.data() + (first - source.cbegin());
            error = QStringLiteral("column %1: unexpected '%2'")
                        .arg(b.columnOf(at))
                        .arg(QString::fromStdString(std::string(first, last)).left(20));
        }
        return std::nullopt;
    }
    ExpressionCompiler compiler(b, lookup);
    return compiler.run(b.stack.back(), text, error);
}

} // namespace consilium
