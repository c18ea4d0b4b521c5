// frontend/load/gomod_test.cc — unit tests.
#include "gtest/gtest.h"
