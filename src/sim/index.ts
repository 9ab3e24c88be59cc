// Public interface of the sim stage (see ../../README.md, architecture).
export {};
