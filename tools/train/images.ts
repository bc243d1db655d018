// What the trainer learns from and is measured on: labelled images, each HWC bytes of the brain's input shape.
export interface LabelledImages {
  count: number;
  /** count x height x width x 3 bytes, HWC */
  images: Uint8Array;
  labels: Uint8Array;
}
