// SPDX-License-Identifier: GPL-3.0-or-later
// The rule-expression grammar with Boost.Spirit X3 (resources/packs/FORMAT.md, "Expression language").
#include "rules/ExpressionParser.h"

#include <boost/spirit/home/x3.hpp>

#include <cctype>
#include <charconv>

namespace consilium::expression_parser {

namespace {

namespace x3 = boost::spirit::x3;

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

constexpr int kMaxNesting = 32; // parentheses and list brackets
constexpr int kMaxOperators = 256; // and / or / not

} // namespace

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

bool parse(const std::string &source, Builder &tree, QString &error)
{
    tree.source = source;
    tree.begin = source.cbegin();
    auto first = source.cbegin();
    const auto last = source.cend();
    bool ok = false;
    try {
        const auto parser = x3::with<builder_tag>(std::ref(tree))[expr];
        ok = x3::phrase_parse(first, last, parser, x3::space);
    } catch (const x3::expectation_failure<std::string::const_iterator> &e) {
        const std::string which = e.which();
        error = QStringLiteral("column %1: expected %2")
                    .arg(tree.columnOf(source.data() + (e.where() - source.cbegin())))
                    .arg(QString::fromStdString(which));
        return false;
    }
    if (!ok || first != last || tree.stack.size() != 1) {
        if (first == last && source.find_first_not_of(" \t\r\n") == std::string::npos) {
            error = QStringLiteral("column 1: empty expression");
        } else {
            const char *at = source.data() + (first - source.cbegin());
            error = QStringLiteral("column %1: unexpected '%2'")
                        .arg(tree.columnOf(at))
                        .arg(QString::fromStdString(std::string(first, last)).left(20));
        }
        return false;
    }
    return true;
}

} // namespace consilium::expression_parser
