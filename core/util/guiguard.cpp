// The core layer must build and run without QtGui/QtWidgets (the daemon links it on servers without a display
// stack). The defines below arrive with the Qt targets, so this check follows the real link graph.
#if defined(QT_GUI_LIB) || defined(QT_WIDGETS_LIB)
#error "stackscope_core must not depend on QtGui or QtWidgets"
#endif
