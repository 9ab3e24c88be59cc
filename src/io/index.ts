// Public interface of the io stage (see ../../README.md, architecture).
export {};
