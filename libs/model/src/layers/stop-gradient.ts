import * as tf from '@tensorflow/tfjs';
import { customGradient } from './custom-gradient';

/** The identity in the forward pass with a zero gradient (TensorFlow.js has no stop_gradient). */
export const stopGradient = customGradient((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as <T extends tf.Tensor>(x: T) => T;
