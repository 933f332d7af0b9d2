# Methods beyond GD (one file pair each; registered in builtin.cpp).
