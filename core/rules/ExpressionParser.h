// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Internal to core/rules: the rule-expression grammar (resources/packs/FORMAT.md, "Expression
// language"), written with Boost.Spirit X3. It builds a parse tree; Expression::compile
// (Expression.cpp) type-checks that tree against the pack's symbols and flattens it.

#include "rules/Expression.h"

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace consilium::expression_parser {

// Bounds that keep the recursive-descent parser, the compiler and the evaluator on a shallow
// stack whatever the pack contains (libFuzzer found a stack overflow with 10,000 nested
// parentheses). The reference pack's longest expression has 186 characters and nests 2 deep.
constexpr qsizetype kMaxExpressionLength = 4096;

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

// Returns an error ("column N: …") if the text nests deeper or has more operators than the parser
// accepts; empty when within bounds.
QString checkBounds(const std::string &source);

// Parses `source` (units already normalised) into `tree`; the root is tree.stack.back().
// Returns false with "column N: …" in `error` when the text is not an expression.
bool parse(const std::string &source, Builder &tree, QString &error);

} // namespace consilium::expression_parser
