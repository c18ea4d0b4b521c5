// frontend/load/loader_test.cc — unit tests.
#include "gtest/gtest.h"
