// frontend/load/match_test.cc — unit tests.
#include "gtest/gtest.h"
