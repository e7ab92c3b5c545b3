"""The reading-path resources that rule pages and quick-fixes link to (shared/reading-path.md)."""

from __future__ import annotations

from derivlint.findings import Resource

RESOURCES: dict[str, Resource] = {
    r.id: r
    for r in (
        Resource("3b1b-la", "3Blue1Brown, Essence of Linear Algebra",
                 "https://www.3blue1brown.com/topics/linear-algebra"),
        Resource("3b1b-calc", "3Blue1Brown, Essence of Calculus",
                 "https://www.3blue1brown.com/topics/calculus"),
        Resource("mit-1806", "MIT OCW 18.06 Linear Algebra (Strang)",
                 "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/"),
        Resource("strang-ila", "Strang, Introduction to Linear Algebra",
                 "https://math.mit.edu/~gs/linearalgebra/"),
        Resource("mit-1805", "MIT OCW 18.05 Probability and Statistics",
                 "https://ocw.mit.edu/courses/18-05-introduction-to-probability-and-statistics-spring-2022/"),
        Resource("mit-1801-1802", "MIT OCW 18.01 / 18.02 Calculus",
                 "https://ocw.mit.edu/courses/18-02sc-multivariable-calculus-fall-2010/"),
        Resource("matrix-cookbook", "Petersen and Pedersen, The Matrix Cookbook",
                 "https://www.math.uwaterloo.ca/~hwolkowi/matrixcookbook.pdf"),
        Resource("boyd-cvx", "Boyd and Vandenberghe, Convex Optimization",
                 "https://web.stanford.edu/~boyd/cvxbook/"),
        Resource("jaynes", "Jaynes, Probability Theory: The Logic of Science",
                 "https://www.cambridge.org/core/books/probability-theory/9CA08E224FF30123304E6D8935CF1A99"),
        Resource("mml", "Deisenroth, Faisal, Ong, Mathematics for Machine Learning",
                 "https://mml-book.github.io/"),
    )
}


def resources_for(refs: tuple[str, ...]) -> tuple[Resource, ...]:
    """Resolve ``"id"`` or ``"id: section"`` references to resources, keeping the section."""
    out = []
    for ref in refs:
        rid, _, section = ref.partition(":")
        base = RESOURCES[rid.strip()]
        out.append(Resource(base.id, base.title, base.url, section.strip()))
    return tuple(out)
