"""All rules, by code. Adding a rule = adding its module and one line here."""

from __future__ import annotations

from derivlint.rules.base import Rule

_RULE_MODULES = (
    "derivlint.rules.e001_syntax_error",
    "derivlint.rules.e002_invalid_notebook",
    "derivlint.rules.s101_shape_mismatch",
    "derivlint.rules.s102_broadcast_outer_product",
    "derivlint.rules.s103_annotation_mismatch",
    "derivlint.rules.s104_reshape_size_mismatch",
    "derivlint.rules.s105_axis_out_of_range",
    "derivlint.rules.s106_reduction_broadcast",
    "derivlint.rules.s107_bad_shape_annotation",
    "derivlint.rules.s108_transpose_of_1d",
    "derivlint.rules.l201_normal_equations_missing_transpose",
    "derivlint.rules.l202_explicit_inverse",
    "derivlint.rules.l203_log_det",
    "derivlint.rules.l204_svd_vh_as_v",
    "derivlint.rules.l205_eig_on_symmetric",
    "derivlint.rules.l206_eigh_ascending_order",
    "derivlint.rules.l207_singular_values_without_sqrt",
    "derivlint.rules.l208_eigh_on_nonsymmetric",
    "derivlint.rules.n301_unstable_softmax",
    "derivlint.rules.n302_unstable_logsumexp",
    "derivlint.rules.n303_log_of_softmax",
    "derivlint.rules.n304_unstable_sigmoid",
    "derivlint.rules.n305_log_of_sigmoid",
    "derivlint.rules.n306_softmax_wrong_axis",
    "derivlint.rules.n307_unstable_softplus",
    "derivlint.rules.n308_accumulate_into_empty",
    "derivlint.rules.p401_kl_wrong_sign",
    "derivlint.rules.p402_kl_gaussian_formula",
    "derivlint.rules.g501_gradient_ascent_step",
    "derivlint.rules.g502_softmax_ce_gradient_sign",
    "derivlint.rules.g503_newton_step_sign",
)

_RULES: dict[str, type[Rule]] | None = None


def all_rules() -> dict[str, type[Rule]]:
    """Rule classes by code, in catalogue order."""
    global _RULES
    if _RULES is None:
        import importlib

        rules: dict[str, type[Rule]] = {}
        for modname in _RULE_MODULES:
            module = importlib.import_module(modname)
            for obj in vars(module).values():
                if isinstance(obj, type) and issubclass(obj, Rule) and obj.__module__ == modname:
                    rules[obj.code] = obj
        _RULES = rules
    return _RULES


def get_rule(code_or_name: str) -> type[Rule] | None:
    """Look a rule up by code (``S101``, any case) or name (``shape-mismatch``)."""
    key = code_or_name.strip()
    for rule in all_rules().values():
        if rule.code.lower() == key.lower() or rule.name == key.lower():
            return rule
    return None
