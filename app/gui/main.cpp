// SPDX-License-Identifier: GPL-3.0-or-later
// consilium: the desktop application. Everything lives in consilium_ui; this only starts it.
#include "shell/Startup.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    return consilium::Startup::run(app);
}
