// frontend/load/header_test.cc — unit tests.
#include "gtest/gtest.h"
