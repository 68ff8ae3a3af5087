// Tail probabilities of the test statistics the drift metrics report.
#pragma once

#include <cstdint>

namespace aims::monitoring {

// Q(λ) = P(K > λ) for the Kolmogorov distribution (SciPy's kstwobign.sf): the asymptotic p-value
// of a two-sample KS statistic D with λ = D·sqrt(n·m / (n + m)).
double kolmogorov_survival(double lambda);

// P(X > statistic) for a chi-square distribution with `dof` degrees of freedom (Boost.Math).
double chi_square_survival(double statistic, uint64_t dof);

}  // namespace aims::monitoring
