/**
 * Optimisers over named parameters with a NaN/Inf guard: {@link lapis.nn.optim.Sgd} (heavy-ball momentum),
 * {@link lapis.nn.optim.Adam} (Kingma and Ba, ICLR 2015), {@link lapis.nn.optim.AdamW} (Loshchilov and Hutter,
 * ICLR 2019), {@link lapis.nn.optim.Soap} (Vyas et al., arXiv 2409.11321, 2024); learning-rate schedules
 * ({@link lapis.nn.optim.LearningRateSchedule}) and {@link lapis.nn.optim.GradientClipping}.
 */
package lapis.nn.optim;
