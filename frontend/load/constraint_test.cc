// frontend/load/constraint_test.cc — unit tests.
#include "gtest/gtest.h"
