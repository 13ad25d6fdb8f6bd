# The mini trial's non-response weights nr12 as test/sap/mini/sap.yaml defines them (needs d and
# eligible from mini-trial.R): shared by sap.R and inference-plan.R. Defines responded and d$nr12.
# non-response weights nr12: a logit of response on gender + score0 within site x arm, among those
# the wave expected; respondents get 1/p, rescaled to mean 1 within the cell
responded <- eligible & !is.na(match(d$id, surv$id))
d$nr12 <- NA
for (cell in split(seq_len(nrow(d)), list(d$site, d$arm))) {
  e <- cell[eligible[cell]]
  m <- glm(responded[e] ~ gender + score0, family = binomial, data = d[e, ], control = glm.control(epsilon = 1e-14, maxit = 100))
  w <- 1 / fitted(m)[responded[e]]
  d$nr12[e[responded[e]]] <- w / mean(w)
}
